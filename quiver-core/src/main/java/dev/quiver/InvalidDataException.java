package dev.quiver;

/** The input breaks the Arrow format or is internally inconsistent. */
public class InvalidDataException extends QuiverException {
    public InvalidDataException(String detail) {
        super(detail, null, -1, null, null);
    }

    public InvalidDataException(String detail, String resource, long offset) {
        super(detail, resource, offset, null, null);
    }

    public InvalidDataException(String detail, String resource, long offset, String fieldPath) {
        super(detail, resource, offset, fieldPath, null);
    }

    public InvalidDataException(String detail, String resource, long offset, String fieldPath, Throwable cause) {
        super(detail, resource, offset, fieldPath, cause);
    }

    /** The same error with a location added where this one had none. */
    public InvalidDataException at(String resource, long offset, String fieldPath) {
        return new InvalidDataException(detail(),
                resource() != null ? resource() : resource,
                offset() >= 0 ? offset() : offset,
                fieldPath() != null ? fieldPath() : fieldPath,
                getCause());
    }
}
