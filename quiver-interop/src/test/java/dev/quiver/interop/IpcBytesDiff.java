package dev.quiver.interop;

import dev.quiver.ipc.Inspector;
import dev.quiver.ipc.IpcLimits;
import dev.quiver.ipc.MessageSummary;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * Compares two encodings of the same IPC data byte by byte and, at the first difference, says where it lies in
 * the expected bytes' layout: which message (index, type, offset) and whether in its prefix, metadata or body,
 * or in the file magic, end-of-stream marker, footer or trailer.
 */
final class IpcBytesDiff {
    private IpcBytesDiff() {}

    /** Null when {@code actual} equals {@code expected}, else a description of the first difference. */
    static String describe(byte[] expected, byte[] actual, boolean file, String expectedName, String actualName) {
        int n = java.util.Arrays.mismatch(expected, actual);
        if (n < 0) return null;
        StringBuilder sb = new StringBuilder();
        sb.append("first difference at byte ").append(n).append(" (").append(expectedName).append(' ')
                .append(byteAt(expected, n)).append(", ").append(actualName).append(' ').append(byteAt(actual, n))
                .append("), in ").append(locate(expected, n, file)).append("; sizes: ").append(expectedName)
                .append(' ').append(expected.length).append(", ").append(actualName).append(' ').append(actual.length)
                .append("\n  ").append(expectedName).append(": ").append(context(expected, n))
                .append("\n  ").append(actualName).append(": ").append(context(actual, n));
        return sb.toString();
    }

    private static String byteAt(byte[] b, int i) {
        return i < b.length ? String.format("0x%02x", b[i] & 0xFF) : "(end)";
    }

    private static String context(byte[] b, int at) {
        int from = Math.max(0, (at & ~7) - 8);
        int to = Math.min(b.length, from + 32);
        return "bytes " + from + ".." + to + " = " + (from < to ? HexFormat.ofDelimiter(" ").formatHex(b, from, to) : "");
    }

    /** Where byte {@code at} lies in the layout of {@code bytes} (a stream, or a file when {@code file}). */
    static String locate(byte[] bytes, long at, boolean file) {
        if (file && at < 8) return "the leading magic (bytes 0..8)";
        long start = file ? 8 : 0;
        Inspector.StreamLayout layout;
        try {
            layout = Inspector.stream(MemorySegment.ofArray(bytes), start, IpcLimits.DEFAULT);
        } catch (RuntimeException e) {
            return "bytes that do not parse as IPC (" + e.getMessage() + ")";
        }
        int i = 0;
        for (MessageSummary m : layout.messages()) {
            int prefix = 8;
            long metaStart = m.offset() + prefix;
            long bodyStart = metaStart + m.metadataLength();
            long end = bodyStart + m.bodyLength();
            String what = "message " + i + " (" + m.type() + " at byte " + m.offset() + ")";
            if (at < metaStart) return what + ", its prefix (byte " + (at - m.offset()) + " of 8)";
            if (at < bodyStart) {
                return what + ", its metadata (byte " + (at - metaStart) + " of " + m.metadataLength() + ")";
            }
            if (at < end) return what + ", its body (byte " + (at - bodyStart) + " of " + m.bodyLength() + ")";
            i++;
        }
        long eos = layout.endOfStream();
        if (eos >= 0 && at < eos + 8) return "the end-of-stream marker (at byte " + eos + ")";
        if (!file) return "bytes after the end of the stream (" + (eos >= 0 ? "marker at " + eos : "no marker") + ")";
        int n = bytes.length;
        if (n < 10 + 8) return "a file too short for its trailer";
        int footerLength = ByteBuffer.wrap(bytes, n - 10, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        long footerStart = n - 10L - footerLength;
        if (at >= footerStart && at < n - 10) {
            return "the footer (byte " + (at - footerStart) + " of " + footerLength + ", which starts at " + footerStart + ")";
        }
        if (at >= n - 10 && at < n - 6) return "the footer length (bytes " + (n - 10) + ".." + (n - 6) + ")";
        if (at >= n - 6) return "the trailing magic";
        return "bytes between the end-of-stream marker and the footer";
    }
}
