package dev.quiver.json;

import dev.quiver.InvalidDataException;
import dev.quiver.array.ArrayData;
import dev.quiver.array.Layout;
import dev.quiver.memory.Bits;
import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.IntervalUnit;
import dev.quiver.type.UnionMode;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * {@link ArrayData} to one "FieldData" object, laid out as the gold files are. Only the slots of the array
 * ({@code offset} to {@code offset + length}) are written: offsets are rebased to start at 0 and the children
 * of lists, structs, fixed-size lists, sparse unions and run-end encoded arrays are cut to what those slots
 * use. Buffers too short for what the array declares are reported as {@link InvalidDataException}.
 */
final class ColumnWriter {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final JsonWriter w;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    ColumnWriter(JsonWriter w) {
        this.w = w;
    }

    void write(Field field, ArrayData data, String name, String path) {
        ArrowType expected = field.dictionary() != null ? field.dictionary().indexType() : field.type();
        if (!sameType(expected, data.type())) {
            throw new IllegalArgumentException("column '" + path + "' holds " + data.type() + " but its field needs "
                    + expected);
        }
        int len = data.length();
        w.beginObject();
        w.name("name").value(name);
        w.name("count").value(len);
        if (field.dictionary() != null) {
            validity(data, path);
            w.name("DATA");
            integers(data, field.dictionary().indexType(), path);
            w.endObject();
            return;
        }
        ArrowType type = field.type();
        if (Layout.hasValidity(type)) validity(data, path);
        switch (type) {
            case ArrowType.Null n -> { }
            case ArrowType.Bool b -> {
                MemorySegment v = buffer(data, 1, Bits.bytesFor((long) data.offset() + len), path);
                w.name("DATA").beginArray();
                for (int i = 0; i < len; i++) w.value(Bits.get(v, (long) data.offset() + i));
                w.endArray();
            }
            case ArrowType.Int i -> {
                w.name("DATA");
                integers(data, i, path);
            }
            case ArrowType.Date d -> {
                w.name("DATA");
                integers(data, new ArrowType.Int(d.bitWidth(), true), path);
            }
            case ArrowType.Time t -> {
                w.name("DATA");
                integers(data, new ArrowType.Int(t.bitWidth(), true), path);
            }
            case ArrowType.Timestamp t -> {
                w.name("DATA");
                integers(data, new ArrowType.Int(64, true), path);
            }
            case ArrowType.Duration d -> {
                w.name("DATA");
                integers(data, new ArrowType.Int(64, true), path);
            }
            case ArrowType.FloatingPoint f -> floats(data, f.bitWidth(), path);
            case ArrowType.Decimal d -> decimals(data, d.bitWidth() / 8, path);
            case ArrowType.Interval i -> intervals(data, i.unit(), path);
            case ArrowType.FixedSizeBinary f -> {
                MemorySegment v = buffer(data, 1, ((long) data.offset() + len) * f.byteWidth(), path);
                w.name("DATA").beginArray();
                for (int i = 0; i < len; i++) {
                    w.value(hex(v, ((long) data.offset() + i) * f.byteWidth(), f.byteWidth()));
                }
                w.endArray();
            }
            case ArrowType.Binary b -> variable(data, false, false, path);
            case ArrowType.LargeBinary b -> variable(data, true, false, path);
            case ArrowType.Utf8 u -> variable(data, false, true, path);
            case ArrowType.LargeUtf8 u -> variable(data, true, true, path);
            case ArrowType.BinaryView b -> views(data, false, path);
            case ArrowType.Utf8View u -> views(data, true, path);
            case ArrowType.List l -> list(field, data, false, path);
            case ArrowType.Map m -> list(field, data, false, path);
            case ArrowType.LargeList l -> list(field, data, true, path);
            case ArrowType.ListView l -> listView(field, data, false, path);
            case ArrowType.LargeListView l -> listView(field, data, true, path);
            case ArrowType.FixedSizeList f -> {
                long start = (long) data.offset() * f.listSize();
                long count = (long) len * f.listSize();
                children(field, data, new long[] {start}, new long[] {count}, path);
            }
            case ArrowType.Struct s -> children(field, data, same(field, data.offset()), same(field, len), path);
            case ArrowType.Union u -> union(field, data, u, path);
            case ArrowType.RunEndEncoded r -> runEndEncoded(field, data, path);
        }
        w.endObject();
    }

    private static boolean sameType(ArrowType a, ArrowType b) {
        return a.equals(b);
    }

    private static long[] same(Field field, long v) {
        long[] out = new long[field.children().size()];
        java.util.Arrays.fill(out, v);
        return out;
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static MemorySegment buffer(ArrayData data, int index, long needBytes, String path) {
        if (index >= data.bufferCount()) {
            throw new InvalidDataException("array of " + data.type() + " has " + data.bufferCount()
                    + " buffers, buffer " + index + " is missing", null, -1, path);
        }
        MemorySegment b = data.buffer(index);
        if (b.byteSize() < needBytes) {
            throw new InvalidDataException("buffer " + index + " of " + data.type() + " has " + b.byteSize()
                    + " bytes but the array needs " + needBytes, null, -1, path);
        }
        return b;
    }

    private void validity(ArrayData data, String path) {
        int len = data.length();
        boolean all = data.nullCount() == 0 || data.validity().byteSize() == 0;
        MemorySegment bits = all ? null : buffer(data, 0, Bits.bytesFor((long) data.offset() + len), path);
        w.name("VALIDITY").beginArray();
        for (int i = 0; i < len; i++) w.value(all || Bits.get(bits, (long) data.offset() + i) ? 1 : 0);
        w.endArray();
    }

    private static long readInt(MemorySegment s, int bytes, boolean signed, long index) {
        return switch (bytes) {
            case 1 -> signed ? s.get(LE.BYTE, index) : Byte.toUnsignedLong(s.get(LE.BYTE, index));
            case 2 -> signed ? s.get(LE.SHORT, index * 2) : Short.toUnsignedLong(s.get(LE.SHORT, index * 2));
            case 4 -> signed ? s.get(LE.INT, index * 4) : Integer.toUnsignedLong(s.get(LE.INT, index * 4));
            default -> s.get(LE.LONG, index * 8);
        };
    }

    /** 8-, 16- and 32-bit integers as JSON numbers, 64-bit ones as strings (as the format requires). */
    private void integers(ArrayData data, ArrowType.Int type, String path) {
        int bytes = type.bitWidth() / 8;
        int len = data.length();
        MemorySegment v = buffer(data, 1, ((long) data.offset() + len) * bytes, path);
        w.beginArray();
        for (int i = 0; i < len; i++) {
            long x = readInt(v, bytes, type.signed(), (long) data.offset() + i);
            if (bytes < 8) w.value(x);
            else w.value(type.signed() ? Long.toString(x) : Long.toUnsignedString(x));
        }
        w.endArray();
    }

    private void floats(ArrayData data, int bits, String path) {
        int len = data.length();
        long off = data.offset();
        MemorySegment v = buffer(data, 1, (off + len) * (bits / 8), path);
        w.name("DATA").beginArray();
        for (int i = 0; i < len; i++) {
            switch (bits) {
                case 16 -> w.value(Float.float16ToFloat(v.get(LE.SHORT, (off + i) * 2)));
                case 32 -> w.value(v.get(LE.FLOAT, (off + i) * 4));
                default -> w.value(v.get(LE.DOUBLE, (off + i) * 8));
            }
        }
        w.endArray();
    }

    private void decimals(ArrayData data, int width, String path) {
        int len = data.length();
        long off = data.offset();
        MemorySegment v = buffer(data, 1, (off + len) * width, path);
        byte[] be = new byte[width];
        w.name("DATA").beginArray();
        for (int i = 0; i < len; i++) {
            long base = (off + i) * width;
            for (int k = 0; k < width; k++) be[width - 1 - k] = v.get(LE.BYTE, base + k);
            w.value(new BigInteger(be).toString());
        }
        w.endArray();
    }

    private void intervals(ArrayData data, IntervalUnit unit, String path) {
        int len = data.length();
        long off = data.offset();
        int width = switch (unit) { case YEAR_MONTH -> 4; case DAY_TIME -> 8; case MONTH_DAY_NANO -> 16; };
        MemorySegment v = buffer(data, 1, (off + len) * width, path);
        w.name("DATA").beginArray();
        for (int i = 0; i < len; i++) {
            long base = (off + i) * width;
            switch (unit) {
                case YEAR_MONTH -> w.value(v.get(LE.INT, base));
                case DAY_TIME -> w.beginObject()
                        .name("days").value(v.get(LE.INT, base))
                        .name("milliseconds").value(v.get(LE.INT, base + 4))
                        .endObject();
                case MONTH_DAY_NANO -> w.beginObject()
                        .name("months").value(v.get(LE.INT, base))
                        .name("days").value(v.get(LE.INT, base + 4))
                        .name("nanoseconds").value(v.get(LE.LONG, base + 8))
                        .endObject();
            }
        }
        w.endArray();
    }

    static String hex(MemorySegment s, long from, int count) {
        char[] out = new char[count * 2];
        for (int k = 0; k < count; k++) {
            int b = s.get(LE.BYTE, from + k) & 0xFF;
            out[2 * k] = HEX[b >>> 4];
            out[2 * k + 1] = HEX[b & 15];
        }
        return new String(out);
    }

    private String text(MemorySegment s, long from, int count, String path) {
        try {
            return utf8.reset().decode(ByteBuffer.wrap(s.asSlice(from, count).toArray(LE.BYTE))).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidDataException("string value is not valid UTF-8", null, -1, path);
        }
    }

    /** The offsets of slots {@code offset .. offset + length}, checked to be non-decreasing and within limit. */
    private static long[] offsets(ArrayData data, int index, boolean large, long limit, String what, String path) {
        int len = data.length();
        long off = data.offset();
        int bytes = large ? 8 : 4;
        MemorySegment s = buffer(data, index, (off + len + 1) * bytes, path);
        long[] out = new long[len + 1];
        for (int i = 0; i <= len; i++) {
            out[i] = large ? s.get(LE.LONG, (off + i) * 8) : s.get(LE.INT, (off + i) * 4);
            if (out[i] < 0 || (i > 0 && out[i] < out[i - 1]) || out[i] > limit) {
                throw new InvalidDataException("offset " + out[i] + " at slot " + (off + i) + " is negative, "
                        + "decreasing or beyond the " + limit + " " + what, null, -1, path);
            }
        }
        return out;
    }

    /** A zero-length array may have an empty offsets buffer (as IPC allows). */
    private static boolean emptyOffsets(ArrayData data) {
        return data.length() == 0 && (data.bufferCount() < 2 || data.buffer(1).byteSize() == 0);
    }

    private void writeOffsets(String key, long[] offsets, boolean large) {
        w.name(key).beginArray();
        for (long o : offsets) {
            long x = o - offsets[0];
            if (large) w.value(Long.toString(x)); else w.value(x);
        }
        w.endArray();
    }

    private void variable(ArrayData data, boolean large, boolean text, String path) {
        MemorySegment bytes = data.bufferCount() > 2 ? data.buffer(2) : ArrayData.ABSENT;
        long[] offsets = emptyOffsets(data) ? new long[] {0}
                : offsets(data, 1, large, bytes.byteSize(), "data bytes", path);
        writeOffsets("OFFSET", offsets, large);
        w.name("DATA").beginArray();
        for (int i = 0; i < data.length(); i++) {
            int n = Math.toIntExact(offsets[i + 1] - offsets[i]);
            w.value(text ? text(bytes, offsets[i], n, path) : hex(bytes, offsets[i], n));
        }
        w.endArray();
    }

    private void views(ArrayData data, boolean text, String path) {
        int len = data.length();
        long off = data.offset();
        MemorySegment views = buffer(data, 1, (off + len) * 16, path);
        int nbuf = data.bufferCount() - 2;
        w.name("VIEWS").beginArray();
        for (int i = 0; i < len; i++) {
            long base = (off + i) * 16;
            int size = views.get(LE.INT, base);
            if (size < 0) throw new InvalidDataException("negative view size " + size, null, -1, path);
            w.beginObject().name("SIZE").value(size);
            if (size <= 12) {
                w.name("INLINED").value(text ? text(views, base + 4, size, path) : hex(views, base + 4, size));
            } else {
                int index = views.get(LE.INT, base + 8);
                int offset = views.get(LE.INT, base + 12);
                if (index < 0 || index >= nbuf || offset < 0
                        || (long) offset + size > data.buffer(2 + index).byteSize()) {
                    throw new InvalidDataException("view " + (off + i) + " points outside the data buffers",
                            null, -1, path);
                }
                w.name("PREFIX_HEX").value(hex(views, base + 4, 4))
                        .name("BUFFER_INDEX").value(index)
                        .name("OFFSET").value(offset);
            }
            w.endObject();
        }
        w.endArray();
        w.name("VARIADIC_DATA_BUFFERS").beginArray();
        for (int k = 0; k < nbuf; k++) {
            MemorySegment b = data.buffer(2 + k);
            w.value(hex(b, 0, Math.toIntExact(b.byteSize())));
        }
        w.endArray();
    }

    private void childCount(ArrayData data, int n, String path) {
        if (data.childCount() != n) {
            throw new InvalidDataException("array of " + data.type() + " has " + data.childCount()
                    + " children but its field has " + n, null, -1, path);
        }
    }

    /** Writes child k as the slice [starts[k], starts[k] + counts[k]), or whole when starts is null. */
    private void children(Field field, ArrayData data, long[] starts, long[] counts, String path) {
        int n = field.children().size();
        childCount(data, n, path);
        w.name("children").beginArray();
        for (int k = 0; k < n; k++) {
            Field cf = field.child(k);
            ArrayData child = data.child(k);
            String cp = path + "." + cf.name();
            if (starts != null) {
                long s = starts[Math.min(k, starts.length - 1)];
                long c = counts[Math.min(k, counts.length - 1)];
                if (s < 0 || c < 0 || s + c > child.length()) {
                    throw new InvalidDataException("child needs slots [" + s + ", " + (s + c) + ") but has "
                            + child.length(), null, -1, cp);
                }
                if (s != 0 || c != child.length()) child = child.slice((int) s, (int) c);
            }
            write(cf, child, cf.name(), cp);
        }
        w.endArray();
    }

    private void list(Field field, ArrayData data, boolean large, String path) {
        childCount(data, 1, path);
        long[] offsets = emptyOffsets(data) ? new long[] {0}
                : offsets(data, 1, large, data.child(0).length(), "child values", path);
        writeOffsets("OFFSET", offsets, large);
        long first = offsets[0];
        children(field, data, new long[] {first}, new long[] {offsets[offsets.length - 1] - first}, path);
    }

    private void listView(Field field, ArrayData data, boolean large, String path) {
        childCount(data, 1, path);
        int len = data.length();
        long off = data.offset();
        int bytes = large ? 8 : 4;
        MemorySegment offs = buffer(data, 1, (off + len) * bytes, path);
        MemorySegment sizes = buffer(data, 2, (off + len) * bytes, path);
        long childLength = data.child(0).length();
        long[] o = new long[len];
        long[] s = new long[len];
        for (int i = 0; i < len; i++) {
            o[i] = large ? offs.get(LE.LONG, (off + i) * 8) : offs.get(LE.INT, (off + i) * 4);
            s[i] = large ? sizes.get(LE.LONG, (off + i) * 8) : sizes.get(LE.INT, (off + i) * 4);
            if (o[i] < 0 || s[i] < 0 || o[i] > childLength || s[i] > childLength - o[i]) {
                throw new InvalidDataException("list view " + (off + i) + " is outside the child's " + childLength
                        + " values", null, -1, path);
            }
        }
        for (String key : new String[] {"OFFSET", "SIZE"}) {
            long[] values = key.equals("OFFSET") ? o : s;
            w.name(key).beginArray();
            for (long x : values) {
                if (large) w.value(Long.toString(x)); else w.value(x);
            }
            w.endArray();
        }
        children(field, data, null, null, path);
    }

    private void union(Field field, ArrayData data, ArrowType.Union u, String path) {
        int len = data.length();
        long off = data.offset();
        int n = field.children().size();
        childCount(data, n, path);
        MemorySegment ids = buffer(data, 0, off + len, path);
        int[] typeIds = u.typeIds();
        int[] childOf = new int[len];
        w.name("TYPE_ID").beginArray();
        for (int i = 0; i < len; i++) {
            int id = ids.get(LE.BYTE, off + i);
            int child = -1;
            for (int k = 0; k < n; k++) if ((typeIds == null ? k : typeIds[k]) == id) child = k;
            if (child < 0) throw new InvalidDataException("unknown union type id " + id, null, -1, path);
            childOf[i] = child;
            w.value(id);
        }
        w.endArray();
        if (u.mode() == UnionMode.SPARSE) {
            children(field, data, same(field, off), same(field, len), path);
            return;
        }
        MemorySegment offs = buffer(data, 1, (off + len) * 4, path);
        w.name("OFFSET").beginArray();
        for (int i = 0; i < len; i++) {
            int o = offs.get(LE.INT, (off + i) * 4);
            if (o < 0 || o >= data.child(childOf[i]).length()) {
                throw new InvalidDataException("union offset " + o + " is outside its child", null, -1, path);
            }
            w.value(o);
        }
        w.endArray();
        children(field, data, null, null, path);
    }

    private void runEndEncoded(Field field, ArrayData data, String path) {
        childCount(data, 2, path);
        ArrayData runEnds = data.child(0);
        ArrayData values = data.child(1);
        if (!(runEnds.type() instanceof ArrowType.Int it)) {
            throw new InvalidDataException("run ends must be integers, not " + runEnds.type(), null, -1, path);
        }
        int bytes = it.bitWidth() / 8;
        int runs = runEnds.length();
        MemorySegment re = buffer(runEnds, 1, ((long) runEnds.offset() + runs) * bytes, path + ".run_ends");
        long start = data.offset();
        long end = start + data.length();
        // runs [r0, r1] cover the logical slots [start, end)
        int r0 = 0;
        int r1 = -1;
        if (data.length() > 0) {
            while (r0 < runs && readInt(re, bytes, true, runEnds.offset() + r0) <= start) r0++;
            r1 = r0;
            while (r1 < runs && readInt(re, bytes, true, runEnds.offset() + r1) < end) r1++;
            if (r1 >= runs) throw new InvalidDataException("run ends do not cover the array", null, -1, path);
        } else {
            r0 = 0;
        }
        int nRuns = r1 - r0 + 1;
        if (values.length() < r0 + nRuns) {
            throw new InvalidDataException("fewer run values than run ends", null, -1, path);
        }
        ArrayData runEndsOut;
        if (start == 0 && r0 == 0) {
            runEndsOut = runEnds.slice(0, nRuns);
        } else {
            BufferBuilder b = new BufferBuilder(nRuns * bytes);
            for (int r = r0; r <= r1; r++) {
                long e = Math.min(readInt(re, bytes, true, runEnds.offset() + r), end) - start;
                switch (bytes) {
                    case 2 -> b.putShort((int) e);
                    case 4 -> b.putInt((int) e);
                    default -> b.putLong(e);
                }
            }
            runEndsOut = new ArrayData(it, nRuns, 0, 0, new MemorySegment[] {ArrayData.ABSENT, b.finish()}, null, null);
        }
        ArrayData valuesOut = values.slice(r0, nRuns);
        w.name("children").beginArray();
        Field reField = field.child(0);
        Field valuesField = field.child(1);
        write(reField, runEndsOut, reField.name(), path + "." + reField.name());
        write(valuesField, valuesOut, valuesField.name(), path + "." + valuesField.name());
        w.endArray();
    }
}
