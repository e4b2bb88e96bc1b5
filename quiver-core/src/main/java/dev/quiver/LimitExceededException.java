package dev.quiver;

/** The input may be valid but exceeds a configured limit (size, nesting depth, count). */
public class LimitExceededException extends QuiverException {
    public LimitExceededException(String detail) {
        super(detail, null, -1, null, null);
    }

    public LimitExceededException(String detail, String resource, long offset) {
        super(detail, resource, offset, null, null);
    }

    public LimitExceededException(String detail, String resource, long offset, String fieldPath) {
        super(detail, resource, offset, fieldPath, null);
    }

    public LimitExceededException(String detail, String resource, long offset, String fieldPath, Throwable cause) {
        super(detail, resource, offset, fieldPath, cause);
    }

    /** The same error with a location added where this one had none. */
    public LimitExceededException at(String resource, long offset, String fieldPath) {
        return new LimitExceededException(detail(),
                resource() != null ? resource() : resource,
                offset() >= 0 ? offset() : offset,
                fieldPath() != null ? fieldPath() : fieldPath,
                getCause());
    }
}
