package dev.quiver;

/** The input is valid Arrow but uses a feature this version of Quiver does not handle. */
public class UnsupportedFeatureException extends QuiverException {
    public UnsupportedFeatureException(String detail) {
        super(detail, null, -1, null, null);
    }

    public UnsupportedFeatureException(String detail, String resource, long offset) {
        super(detail, resource, offset, null, null);
    }

    public UnsupportedFeatureException(String detail, String resource, long offset, String fieldPath) {
        super(detail, resource, offset, fieldPath, null);
    }

    public UnsupportedFeatureException(String detail, String resource, long offset, String fieldPath, Throwable cause) {
        super(detail, resource, offset, fieldPath, cause);
    }

    /** The same error with a location added where this one had none. */
    public UnsupportedFeatureException at(String resource, long offset, String fieldPath) {
        return new UnsupportedFeatureException(detail(),
                resource() != null ? resource() : resource,
                offset() >= 0 ? offset() : offset,
                fieldPath() != null ? fieldPath() : fieldPath,
                getCause());
    }
}
