package dev.quiver.ipc;

import dev.quiver.InvalidDataException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * What the first bytes of an input say it is: one of the two Arrow IPC formats, or a format people pass by
 * mistake (Parquet, Feather version 1, an image, compressed data, JSON or other text), or nothing at all.
 * Readers use it to refuse such inputs with a message that says what the input is and what to use instead,
 * rather than reading its first bytes as a metadata length.
 *
 * <p>Detection needs at most the first {@value #HEAD} bytes and never reads further. A stream in the framing
 * of Arrow before 0.15 starts with its metadata length, which no signature here matches: it is
 * {@link #UNKNOWN}, and readers read unknown inputs as streams.
 */
public enum InputKind {
    /** The Arrow IPC file format (also Feather version 2): {@code ARROW1}. */
    ARROW_FILE("an Arrow IPC file", "ARROW1"),
    /** The Arrow IPC streaming format: the continuation marker {@code ffffffff}. */
    ARROW_STREAM("an Arrow IPC stream", "\u00ff\u00ff\u00ff\u00ff"),
    /** No bytes at all. */
    EMPTY("empty (0 bytes)", null),
    PARQUET("a Parquet file", "PAR1", "read it with a Parquet reader (pyarrow.parquet, DuckDB)"),
    FEATHER_V1("a Feather version 1 file", "FEA1", "Feather version 2 is the Arrow IPC file format: rewrite it "
            + "with pyarrow.feather.write_feather(table, path, version=2)"),
    ORC("an ORC file", "ORC", "read it with an ORC reader (pyarrow.orc)"),
    AVRO("an Avro container file", "Obj\u0001", ""),
    PNG("a PNG image", "\u0089PNG", ""),
    JPEG("a JPEG image", "\u00ff\u00d8\u00ff", ""),
    PDF("a PDF document", "%PDF", ""),
    GZIP("gzip-compressed data", "\u001f\u008b", "decompress it first (gunzip); " + Advice.COMPRESSION),
    BZIP2("bzip2-compressed data", "BZh", "decompress it first (bunzip2); " + Advice.COMPRESSION),
    XZ("xz-compressed data", "\u00fd7zXZ", "decompress it first (unxz); " + Advice.COMPRESSION),
    ZSTD("Zstandard-compressed data", "(\u00b5/\u00fd", "decompress it first (zstd -d); "
            + Advice.COMPRESSION),
    LZ4_FRAME("LZ4-compressed data", "\u0004\"M\u0018", "decompress it first (lz4 -d); "
            + Advice.COMPRESSION),
    ZIP("a zip archive", "PK\u0003\u0004", "extract it first"),
    /** Text whose first non-blank character opens a JSON object or array. */
    JSON("JSON text", null, "Arrow's integration JSON is read with dev.quiver.json.IntegrationJson and converted "
            + "to Arrow IPC with quiver integration --mode JSON_TO_ARROW"),
    /** Printable ASCII or UTF-8 text. */
    TEXT("text", null, "Arrow IPC data is binary, a stream starts with ffffffff, a file with ARROW1"),
    /** None of the above: readers try it as a stream (the legacy framing starts with a length). */
    UNKNOWN("data of an unknown format", null, "");

    /** Bytes that detection looks at, at most. */
    public static final int HEAD = 8;

    private final String noun;
    private final byte[] signature;
    private final String advice;

    InputKind(String noun, String signature) {
        this(noun, signature, null);
    }

    InputKind(String noun, String signature, String advice) {
        this.noun = noun;
        this.signature = signature == null ? null : signature.getBytes(StandardCharsets.ISO_8859_1);
        this.advice = advice;
    }

    private static final class Advice {
        static final String COMPRESSION = "Arrow IPC compresses the buffers inside the format instead (LZ4_FRAME, ZSTD)";
    }

    /** What the first {@code length} bytes of {@code head} (all of the input if it is shorter) say it is. */
    public static InputKind detect(byte[] head, int length) {
        return detect(MemorySegment.ofArray(head).asSlice(0, Math.min(length, head.length)));
    }

    /**
     * What an input starting with {@code head} is; {@code head} holds the first {@value #HEAD} bytes, or all of
     * a shorter input (with only four bytes, {@code ARRO} counts as the file magic).
     */
    public static InputKind detect(MemorySegment head) {
        int n = (int) Math.min(head.byteSize(), HEAD);
        if (n == 0) return EMPTY;
        byte[] b = new byte[n];
        MemorySegment.copy(head, ValueLayout.JAVA_BYTE, 0, b, 0, n);
        if (n >= 4 && startsWith(b, ARROW_FILE.signature, Math.min(n, 6))) return ARROW_FILE;
        if (startsWith(b, ARROW_STREAM.signature, 4)) return ARROW_STREAM;
        for (InputKind k : values()) {
            if (k.signature != null && k != ARROW_FILE && k != ARROW_STREAM && startsWith(b, k.signature, k.signature.length)
                    && k.confirm(b)) {
                return k;
            }
        }
        if (isText(b)) {
            for (byte c : b) {
                if (c == '{' || c == '[') return JSON;
                if (!isBlank(c)) break;
            }
            return TEXT;
        }
        return UNKNOWN;
    }

    /** Rules beyond the signature, where it is short: gzip's method byte (deflate) and reserved flag bits. */
    private boolean confirm(byte[] b) {
        if (this == GZIP) return (b.length < 3 || b[2] == 8) && (b.length < 4 || (b[3] & 0xe0) == 0);
        if (this == BZIP2) return b.length < 4 || (b[3] >= '1' && b[3] <= '9');
        return true;
    }

    /** Whether {@code b} starts with the first {@code n} bytes of {@code signature} (and holds them). */
    private static boolean startsWith(byte[] b, byte[] signature, int n) {
        if (b.length < Math.min(n, signature.length)) return false;
        for (int i = 0; i < Math.min(n, signature.length); i++) {
            if (b[i] != signature[i]) return false;
        }
        return true;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Printable ASCII, blanks and well-formed UTF-8 (a sequence may be cut at the end of {@code b}). */
    private static boolean isText(byte[] b) {
        int i = b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf ? 3 : 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                if (c < 0x20 && !isBlank((byte) c) || c == 0x7f) return false;
                i++;
                continue;
            }
            int more = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
            if (more < 0) return false;
            for (int k = 1; k <= more && i + k < b.length; k++) {
                if ((b[i + k] & 0xc0) != 0x80) return false;
            }
            i += more + 1;
        }
        return true;
    }

    /** Whether this is one of the two Arrow IPC formats. */
    public boolean isArrow() {
        return this == ARROW_FILE || this == ARROW_STREAM;
    }

    /** How messages name an input of this kind, e.g. {@code a Parquet file (it starts with PAR1)}. */
    public String description() {
        if (signature == null) return noun;
        if (this == ARROW_STREAM) return noun + " (it starts with ffffffff)";
        boolean printable = true;
        for (byte c : signature) printable &= c >= 0x20 && c < 0x7f;
        String shown = printable ? new String(signature, StandardCharsets.US_ASCII)
                : HexFormat.ofDelimiter(" ").formatHex(signature, 0, Math.min(4, signature.length));
        return noun + " (it starts with " + shown + ")";
    }

    /**
     * The error for an input of this kind read as {@code expected} ({@link #ARROW_FILE}, {@link #ARROW_STREAM},
     * or null when either format would do): what the input is and what to use instead, at byte 0 of
     * {@code resource}.
     */
    public InvalidDataException mismatch(InputKind expected, String resource) {
        if (expected != null && !expected.isArrow()) throw new IllegalArgumentException("expected: " + expected);
        String detail;
        if (this == EMPTY) {
            detail = "the input is empty (0 bytes), not an Arrow IPC "
                    + (expected == null ? "stream or file" : expected == ARROW_FILE ? "file" : "stream");
        } else if (this == ARROW_FILE) {
            detail = "the input is " + description() + ", not a stream: open it with Ipc.openFile or Ipc.open, "
                    + "or convert it with quiver file-to-stream";
        } else if (this == ARROW_STREAM) {
            detail = "the input is " + description() + ", not a file: open it with Ipc.openStream or Ipc.open, "
                    + "or convert it with quiver stream-to-file";
        } else {
            detail = "the input is " + description() + ", not Arrow IPC" + (advice.isEmpty() ? "" : ": " + advice);
        }
        return new InvalidDataException(detail, resource, 0);
    }
}
