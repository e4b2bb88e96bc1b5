package dev.quiver;

/**
 * Root of every error Quiver raises for input it cannot accept: malformed bytes, features it does not
 * support, or limits the input exceeds. Messages say what is wrong and where: the resource, the byte
 * offset and, where known, the field path.
 *
 * <p>Subtypes:
 * <ul>
 *   <li>{@link InvalidDataException}: the bytes break the Arrow format or are inconsistent;</li>
 *   <li>{@link UnsupportedFeatureException}: valid Arrow that this version does not handle;</li>
 *   <li>{@link LimitExceededException}: valid, but beyond a configured limit (sizes, depth, counts).</li>
 * </ul>
 * Malformed input never surfaces as {@code IndexOutOfBoundsException}, {@code NegativeArraySizeException},
 * {@code OutOfMemoryError} or {@code NullPointerException}.
 */
public class QuiverException extends RuntimeException {
    private final String resource;
    private final long offset;
    private final String fieldPath;
    private final String detail;

    protected QuiverException(String detail, String resource, long offset, String fieldPath, Throwable cause) {
        super(format(detail, resource, offset, fieldPath), cause);
        this.detail = detail;
        this.resource = resource;
        this.offset = offset;
        this.fieldPath = fieldPath;
    }

    /** What is wrong, without the location. */
    public String detail() { return detail; }

    /** The file, stream or other resource that was being read, or null. */
    public String resource() { return resource; }

    /** Absolute byte offset in the resource where the problem was found, or -1 when not known. */
    public long offset() { return offset; }

    /** Dotted path of the field concerned (for example {@code "s.items.x"}), or null. */
    public String fieldPath() { return fieldPath; }

    static String format(String detail, String resource, long offset, String fieldPath) {
        StringBuilder sb = new StringBuilder(detail);
        if (resource != null || offset >= 0 || fieldPath != null) {
            sb.append(" (");
            String sep = "";
            if (resource != null) { sb.append(resource); sep = ", "; }
            if (offset >= 0) { sb.append(sep).append("at byte ").append(offset); sep = ", "; }
            if (fieldPath != null) { sb.append(sep).append("field '").append(fieldPath).append('\''); }
            sb.append(')');
        }
        return sb.toString();
    }
}
