package dev.quiver.cli;

import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Renders Java values of arrays ({@link dev.quiver.array.Array#getDisplayObject(int)}) as short table cells. */
final class Cells {
    private Cells() {}

    static final int MAX_WIDTH = 40;

    /** One line, at most {@link #MAX_WIDTH} characters. */
    static String cell(Object v) {
        return clip(render(v, true), MAX_WIDTH);
    }

    private static String render(Object v, boolean top) {
        return switch (v) {
            case null -> "null";
            case String s -> top ? escape(s) : '"' + escape(s) + '"';
            case byte[] b -> "0x" + HexFormat.of().formatHex(b, 0, Math.min(b.length, MAX_WIDTH));
            case List<?> l -> {
                StringBuilder sb = new StringBuilder("[");
                Iterator<?> it = l.iterator();
                while (it.hasNext() && sb.length() <= MAX_WIDTH) {
                    sb.append(render(it.next(), false));
                    if (it.hasNext()) sb.append(", ");
                }
                yield sb.append(']').toString();
            }
            case Map<?, ?> m -> {
                StringBuilder sb = new StringBuilder("{");
                Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
                while (it.hasNext() && sb.length() <= MAX_WIDTH) {
                    Map.Entry<?, ?> e = it.next();
                    sb.append(render(e.getKey(), false)).append(": ").append(render(e.getValue(), false));
                    if (it.hasNext()) sb.append(", ");
                }
                yield sb.append('}').toString();
            }
            default -> escape(String.valueOf(v));
        };
    }

    /** Control characters as escapes, so that every cell stays on one line. */
    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : null;
            };
            if (rep != null && sb == null) sb = new StringBuilder(s.substring(0, i));
            if (sb != null) {
                if (rep != null) sb.append(rep);
                else sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    static String clip(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) return s;
        return s.substring(0, s.offsetByCodePoints(0, max - 3)) + "...";
    }
}
