package dev.quiver.metadata;

import dev.quiver.type.MetadataVersion;
import dev.quiver.type.Schema;

import java.util.List;
import java.util.Map;

/** {@code Footer} of {@code format/File.fbs}. */
public record Footer(MetadataVersion version, Schema schema, List<Block> dictionaries, List<Block> recordBatches,
                     Map<String, String> metadata) {
    public Footer {
        dictionaries = List.copyOf(dictionaries);
        recordBatches = List.copyOf(recordBatches);
        metadata = metadata == null ? Map.of() : metadata;
    }
}
