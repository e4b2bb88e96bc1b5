package dev.quiver.metadata;

import dev.quiver.type.MetadataVersion;
import dev.quiver.type.Schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code Footer} of {@code format/File.fbs}.
 *
 * @param metadataPresent whether the footer carries a custom metadata list even when it is empty (a footer read
 *                        with an empty list has it, so writing it back gives the same bytes); always true when
 *                        {@code metadata} is not empty. Not part of {@link #equals}: an empty list and none mean
 *                        the same.
 */
public record Footer(MetadataVersion version, Schema schema, List<Block> dictionaries, List<Block> recordBatches,
                     Map<String, String> metadata, boolean metadataPresent) {
    public Footer {
        dictionaries = List.copyOf(dictionaries);
        recordBatches = List.copyOf(recordBatches);
        metadataPresent = metadataPresent || (metadata != null && !metadata.isEmpty());
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** A footer whose custom metadata list is written only when {@code metadata} is not empty. */
    public Footer(MetadataVersion version, Schema schema, List<Block> dictionaries, List<Block> recordBatches,
                  Map<String, String> metadata) {
        this(version, schema, dictionaries, recordBatches, metadata, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Footer f && version == f.version && Objects.equals(schema, f.schema)
                && dictionaries.equals(f.dictionaries) && recordBatches.equals(f.recordBatches)
                && metadata.equals(f.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, schema, dictionaries, recordBatches, metadata);
    }
}
