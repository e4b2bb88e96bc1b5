package dev.quiver.metadata;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.QuiverException;
import dev.quiver.UnsupportedFeatureException;

/** Adds a field path to errors raised while decoding a schema field. */
final class MetadataErrors {
    private MetadataErrors() {}

    /** {@code e} with {@code path} as its field path when it had none. */
    static QuiverException withPath(QuiverException e, String path) {
        if (e.fieldPath() != null) return e;
        return switch (e) {
            case InvalidDataException x -> x.at(null, -1, path);
            case LimitExceededException x -> x.at(null, -1, path);
            case UnsupportedFeatureException x -> x.at(null, -1, path);
            default -> e;
        };
    }
}
