package dev.quiver.ipc;

/** Constants of the encapsulated message format and the file format. */
final class Framing {
    private Framing() {}

    /** The continuation marker that starts every message since Arrow 0.15. */
    static final int CONTINUATION = 0xFFFFFFFF;
    /** {@code ARROW1} followed by two padding bytes, at the start of a file. */
    static final byte[] FILE_MAGIC_PADDED = {'A', 'R', 'R', 'O', 'W', '1', 0, 0};
    /** {@code ARROW1}, at the end of a file. */
    static final byte[] FILE_MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};
    /** Bytes of the prefix (continuation marker + int32 length). */
    static final int PREFIX = 8;

    static long padTo(long n, int alignment) {
        return (n + alignment - 1) & -(long) alignment;
    }
}
