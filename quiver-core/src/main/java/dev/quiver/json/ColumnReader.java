package dev.quiver.json;

import dev.quiver.array.ArrayData;
import dev.quiver.memory.Bits;
import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.IntervalUnit;
import dev.quiver.type.UnionMode;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One "FieldData" object of an integration JSON file to {@link ArrayData}: VALIDITY becomes the bitmap (absent
 * when nothing is null), OFFSET/SIZE/TYPE_ID/DATA/VIEWS the little-endian buffers in {@link dev.quiver.array.Layout}
 * order, "children" the child arrays. Every buffer is built from values the JSON really holds, and every
 * offset, size, type id, run end and dictionary index is checked, so the result is safe to read.
 */
final class ColumnReader {

    /** Supplies dictionary values by id. */
    interface Dictionaries {
        ArrayData get(long id, JsonValue at, String path);
    }

    private record Validity(MemorySegment bitmap, int nullCount) {}

    private final Ctx ctx;
    private final Dictionaries dictionaries;
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    ColumnReader(Ctx ctx, Dictionaries dictionaries) {
        this.ctx = ctx;
        this.dictionaries = dictionaries;
    }

    /**
     * Reads a column.
     *
     * @param checkName whether the column's "name" must equal the field name (not for dictionary batches)
     */
    ArrayData read(Field field, JsonValue node, String path, boolean checkName) {
        JsonValue.Obj col = ctx.obj(node, "column data", path);
        if (checkName) {
            JsonValue nameNode = ctx.optional(col, "name");
            if (nameNode != null) {
                String name = ctx.string(nameNode, "column \"name\"", path);
                if (!name.equals(field.name())) {
                    throw ctx.invalid("column is named \"" + name + "\" but its field is \"" + field.name() + "\"",
                            nameNode, path);
                }
            }
        }
        int count = (int) ctx.integer(ctx.require(col, "count", path), 0, Integer.MAX_VALUE, "\"count\"", path);
        if (field.dictionary() != null) {
            ArrowType.Int indexType = field.dictionary().indexType();
            ArrayData dict = dictionaries.get(field.dictionary().id(), col, path);
            Validity v = validity(col, count, path);
            JsonValue.Arr data = values(col, "DATA", count, path);
            MemorySegment indices = integers(data, indexType.bitWidth(), indexType.signed(), path, "dictionary index");
            checkIndices(indices, indexType, v, count, dict.length(), data, path);
            return new ArrayData(indexType, count, 0, v.nullCount, new MemorySegment[] {v.bitmap, indices}, null, dict);
        }
        ArrowType type = field.type();
        return switch (type) {
            case ArrowType.Null n -> {
                noChildren(col, field, path);
                yield new ArrayData(type, count, 0, count, new MemorySegment[0], null, null);
            }
            case ArrowType.Bool b -> {
                Validity v = validity(col, count, path);
                yield primitive(type, count, v, bools(values(col, "DATA", count, path), path));
            }
            case ArrowType.Int i -> {
                Validity v = validity(col, count, path);
                yield primitive(type, count, v, integers(values(col, "DATA", count, path), i.bitWidth(), i.signed(),
                        path, "value"));
            }
            case ArrowType.Date d -> fixedInts(col, type, count, d.bitWidth(), path);
            case ArrowType.Time t -> fixedInts(col, type, count, t.bitWidth(), path);
            case ArrowType.Timestamp t -> fixedInts(col, type, count, 64, path);
            case ArrowType.Duration d -> fixedInts(col, type, count, 64, path);
            case ArrowType.FloatingPoint f -> {
                Validity v = validity(col, count, path);
                yield primitive(type, count, v, floats(values(col, "DATA", count, path), f.bitWidth(), path));
            }
            case ArrowType.Decimal d -> {
                Validity v = validity(col, count, path);
                yield primitive(type, count, v, decimals(values(col, "DATA", count, path), d.bitWidth(), path));
            }
            case ArrowType.Interval i -> {
                Validity v = validity(col, count, path);
                yield primitive(type, count, v, intervals(values(col, "DATA", count, path), i.unit(), path));
            }
            case ArrowType.FixedSizeBinary f -> {
                Validity v = validity(col, count, path);
                yield primitive(type, count, v, fixedBinary(values(col, "DATA", count, path), f.byteWidth(), path));
            }
            case ArrowType.Binary b -> variable(col, type, count, false, false, path);
            case ArrowType.LargeBinary b -> variable(col, type, count, true, false, path);
            case ArrowType.Utf8 u -> variable(col, type, count, false, true, path);
            case ArrowType.LargeUtf8 u -> variable(col, type, count, true, true, path);
            case ArrowType.BinaryView b -> views(col, type, count, false, path);
            case ArrowType.Utf8View u -> views(col, type, count, true, path);
            case ArrowType.List l -> list(col, field, count, false, path);
            case ArrowType.Map m -> list(col, field, count, false, path);
            case ArrowType.LargeList l -> list(col, field, count, true, path);
            case ArrowType.ListView l -> listView(col, field, count, false, path);
            case ArrowType.LargeListView l -> listView(col, field, count, true, path);
            case ArrowType.FixedSizeList f -> {
                Validity v = validity(col, count, path);
                ArrayData[] children = children(col, field, path);
                long expected = (long) count * f.listSize();
                if (children[0].length() != expected) {
                    throw ctx.invalid("fixed-size list child has " + children[0].length() + " values but needs "
                            + count + " x " + f.listSize() + " = " + expected, col, path);
                }
                yield new ArrayData(type, count, 0, v.nullCount, new MemorySegment[] {v.bitmap}, children, null);
            }
            case ArrowType.Struct s -> {
                Validity v = validity(col, count, path);
                ArrayData[] children = children(col, field, path);
                for (int k = 0; k < children.length; k++) {
                    if (children[k].length() != count) {
                        throw ctx.invalid("struct child \"" + field.child(k).name() + "\" has count "
                                + children[k].length() + " but the struct has " + count, col, path);
                    }
                }
                yield new ArrayData(type, count, 0, v.nullCount, new MemorySegment[] {v.bitmap}, children, null);
            }
            case ArrowType.Union u -> union(col, field, u, count, path);
            case ArrowType.RunEndEncoded r -> runEndEncoded(col, field, count, path);
        };
    }

    // ---- validity and plain values -------------------------------------------------------------------------

    private Validity validity(JsonValue.Obj col, int count, String path) {
        JsonValue node = ctx.optional(col, "VALIDITY");
        if (node == null) return new Validity(ArrayData.ABSENT, 0);
        JsonValue.Arr a = ctx.arr(node, "VALIDITY", path);
        if (a.size() != count) {
            throw ctx.invalid("VALIDITY has " + a.size() + " entries but count is " + count, a, path);
        }
        MemorySegment bits = MemorySegment.ofArray(new byte[(int) ((Bits.bytesFor(count) + 7) & ~7L)]);
        int nulls = 0;
        for (int i = 0; i < count; i++) {
            JsonValue e = a.get(i);
            boolean valid = switch (e) {
                case JsonValue.Num n when n.text().equals("1") -> true;
                case JsonValue.Num n when n.text().equals("0") -> false;
                case JsonValue.Bool b -> b.value();
                default -> throw ctx.invalid("VALIDITY entry " + i + " must be 0 or 1", e, path);
            };
            if (valid) Bits.set(bits, i, true); else nulls++;
        }
        return nulls == 0 ? new Validity(ArrayData.ABSENT, 0) : new Validity(bits, nulls);
    }

    private JsonValue.Arr values(JsonValue.Obj col, String key, int count, String path) {
        JsonValue.Arr a = ctx.arr(ctx.require(col, key, path), key, path);
        if (a.size() != count) throw ctx.invalid(key + " has " + a.size() + " values but count is " + count, a, path);
        return a;
    }

    private ArrayData primitive(ArrowType type, int count, Validity v, MemorySegment values) {
        return new ArrayData(type, count, 0, v.nullCount, new MemorySegment[] {v.bitmap, values}, null, null);
    }

    private ArrayData fixedInts(JsonValue.Obj col, ArrowType type, int count, int bits, String path) {
        Validity v = validity(col, count, path);
        return primitive(type, count, v, integers(values(col, "DATA", count, path), bits, true, path, "value"));
    }

    private MemorySegment bools(JsonValue.Arr a, String path) {
        MemorySegment bits = MemorySegment.ofArray(new byte[(int) ((Bits.bytesFor(a.size()) + 7) & ~7L)]);
        for (int i = 0; i < a.size(); i++) {
            JsonValue e = a.get(i);
            boolean b = switch (e) {
                case JsonValue.Bool x -> x.value();
                case JsonValue.Num n when n.text().equals("1") -> true;
                case JsonValue.Num n when n.text().equals("0") -> false;
                default -> throw ctx.invalid("DATA entry " + i + " must be true or false", e, path);
            };
            if (b) Bits.set(bits, i, true);
        }
        return bits;
    }

    private MemorySegment integers(JsonValue.Arr a, int bitWidth, boolean signed, String path, String what) {
        BufferBuilder out = new BufferBuilder(a.size() * (bitWidth / 8));
        for (JsonValue e : a.items()) {
            long v;
            if (bitWidth == 64) {
                v = signed ? ctx.integer(e, Long.MIN_VALUE, Long.MAX_VALUE, what, path) : ctx.unsigned64(e, what, path);
            } else {
                long min = signed ? -(1L << (bitWidth - 1)) : 0;
                long max = signed ? (1L << (bitWidth - 1)) - 1 : (1L << bitWidth) - 1;
                v = ctx.integer(e, min, max, what, path);
            }
            switch (bitWidth) {
                case 8 -> out.putByte((int) v);
                case 16 -> out.putShort((int) v);
                case 32 -> out.putInt((int) v);
                default -> out.putLong(v);
            }
        }
        return out.finish();
    }

    private MemorySegment floats(JsonValue.Arr a, int bitWidth, String path) {
        BufferBuilder out = new BufferBuilder(a.size() * (bitWidth / 8));
        for (JsonValue e : a.items()) {
            if (!(e instanceof JsonValue.Num n)) throw ctx.invalid("a float value must be a number, not " + e.kind(), e, path);
            String t = n.text();
            boolean finiteText = !t.endsWith("NaN") && !t.endsWith("Infinity");
            if (bitWidth == 64) {
                double d = Double.parseDouble(t);
                if (finiteText && Double.isInfinite(d)) throw ctx.invalid("float64 " + Ctx.abbreviate(t) + " is out of range", e, path);
                out.putLong(Double.doubleToRawLongBits(d));
            } else {
                float f = Float.parseFloat(t);
                if (finiteText && Float.isInfinite(f)) {
                    throw ctx.invalid("float" + bitWidth + " " + Ctx.abbreviate(t) + " is out of range", e, path);
                }
                if (bitWidth == 32) {
                    out.putInt(Float.floatToRawIntBits(f));
                } else {
                    short h = Float.floatToFloat16(f);
                    if (finiteText && Float.isInfinite(Float.float16ToFloat(h))) {
                        throw ctx.invalid("float16 " + Ctx.abbreviate(t) + " is out of range", e, path);
                    }
                    out.putShort(h);
                }
            }
        }
        return out.finish();
    }

    private MemorySegment decimals(JsonValue.Arr a, int bitWidth, String path) {
        int width = bitWidth / 8;
        BufferBuilder out = new BufferBuilder(a.size() * width);
        for (JsonValue e : a.items()) {
            String text = ctx.integerText(e, "decimal value", path);
            if (text.length() > 90) throw ctx.invalid("decimal value " + Ctx.abbreviate(text) + " is out of range", e, path);
            BigInteger v = new BigInteger(text);
            if (v.bitLength() >= bitWidth) {
                throw ctx.invalid("decimal value " + text + " does not fit in " + bitWidth + " bits", e, path);
            }
            byte[] be = v.toByteArray(); // big-endian two's complement, minimal length
            byte[] le = new byte[width];
            byte fill = (byte) (v.signum() < 0 ? 0xFF : 0);
            for (int i = 0; i < width; i++) le[i] = i < be.length ? be[be.length - 1 - i] : fill;
            out.putBytes(le);
        }
        return out.finish();
    }

    private MemorySegment intervals(JsonValue.Arr a, IntervalUnit unit, String path) {
        if (unit == IntervalUnit.YEAR_MONTH) return integers(a, 32, true, path, "interval months");
        BufferBuilder out = new BufferBuilder(a.size() * (unit == IntervalUnit.DAY_TIME ? 8 : 16));
        for (JsonValue e : a.items()) {
            JsonValue.Obj o = ctx.obj(e, "an interval value", path);
            if (unit == IntervalUnit.DAY_TIME) {
                out.putInt((int) ctx.integer(ctx.require(o, "days", path), Integer.MIN_VALUE, Integer.MAX_VALUE, "days", path));
                out.putInt((int) ctx.integer(ctx.require(o, "milliseconds", path), Integer.MIN_VALUE, Integer.MAX_VALUE,
                        "milliseconds", path));
            } else {
                out.putInt((int) ctx.integer(ctx.require(o, "months", path), Integer.MIN_VALUE, Integer.MAX_VALUE, "months", path));
                out.putInt((int) ctx.integer(ctx.require(o, "days", path), Integer.MIN_VALUE, Integer.MAX_VALUE, "days", path));
                out.putLong(ctx.integer(ctx.require(o, "nanoseconds", path), Long.MIN_VALUE, Long.MAX_VALUE,
                        "nanoseconds", path));
            }
        }
        return out.finish();
    }

    private MemorySegment fixedBinary(JsonValue.Arr a, int byteWidth, String path) {
        BufferBuilder out = new BufferBuilder((int) Math.min(1 << 20, (long) a.size() * byteWidth));
        for (JsonValue e : a.items()) {
            byte[] b = hex(e, path);
            if (b.length != byteWidth) {
                throw ctx.invalid("fixed-size binary value has " + b.length + " bytes, expected " + byteWidth, e, path);
            }
            out.putBytes(b);
        }
        return out.finish();
    }

    byte[] hex(JsonValue e, String path) {
        String s = ctx.string(e, "a binary value", path);
        if ((s.length() & 1) != 0) throw ctx.invalid("hex string has an odd number of digits", e, path);
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0 || s.charAt(2 * i) > 'f' || s.charAt(2 * i + 1) > 'f') {
                throw ctx.invalid("invalid hex digit in binary value", e, path);
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private byte[] utf8(JsonValue e, String path) {
        String s = ctx.string(e, "a string value", path);
        try {
            ByteBuffer bb = utf8.reset().encode(CharBuffer.wrap(s));
            byte[] out = new byte[bb.remaining()];
            bb.get(out);
            return out;
        } catch (CharacterCodingException ex) {
            throw ctx.invalid("string is not valid Unicode (unpaired surrogate)", e, path);
        }
    }

    // ---- variable size -------------------------------------------------------------------------------------

    /** Reads OFFSET (count + 1 entries, or none when count is 0) as longs. */
    private long[] offsets(JsonValue.Obj col, String key, int count, boolean large, String path) {
        JsonValue.Arr a = ctx.arr(ctx.require(col, key, path), key, path);
        if (count == 0 && a.size() == 0) return new long[] {0};
        if (a.size() != (long) count + 1) {
            throw ctx.invalid(key + " has " + a.size() + " entries but needs count + 1 = " + ((long) count + 1), a, path);
        }
        long[] out = new long[a.size()];
        long max = large ? Long.MAX_VALUE : Integer.MAX_VALUE;
        for (int i = 0; i < out.length; i++) {
            out[i] = ctx.integer(a.get(i), 0, max, "offset", path);
            if (i > 0 && out[i] < out[i - 1]) {
                throw ctx.invalid("offsets decrease at entry " + i + " (" + out[i - 1] + " then " + out[i] + ")",
                        a.get(i), path);
            }
        }
        return out;
    }

    private static MemorySegment offsetBuffer(long[] offsets, long base, boolean large) {
        BufferBuilder out = new BufferBuilder(offsets.length * (large ? 8 : 4));
        for (long o : offsets) {
            if (large) out.putLong(o - base); else out.putInt((int) (o - base));
        }
        return out.finish();
    }

    private ArrayData variable(JsonValue.Obj col, ArrowType type, int count, boolean large, boolean text, String path) {
        Validity v = validity(col, count, path);
        long[] offsets = offsets(col, "OFFSET", count, large, path);
        JsonValue.Arr data = values(col, "DATA", count, path);
        BufferBuilder bytes = new BufferBuilder(count * 8);
        for (int i = 0; i < count; i++) {
            byte[] b = text ? utf8(data.get(i), path) : hex(data.get(i), path);
            long declared = offsets[i + 1] - offsets[i];
            if (declared != b.length) {
                throw ctx.invalid("value " + i + " has " + b.length + " bytes but OFFSET says " + declared,
                        data.get(i), path);
            }
            bytes.putBytes(b);
        }
        // the data buffer starts at the first offset: rebase so nothing is allocated for a declared start
        MemorySegment off = offsetBuffer(offsets, offsets[0], large);
        return new ArrayData(type, count, 0, v.nullCount, new MemorySegment[] {v.bitmap, off, bytes.finish()}, null, null);
    }

    private ArrayData views(JsonValue.Obj col, ArrowType type, int count, boolean text, String path) {
        Validity v = validity(col, count, path);
        JsonValue.Arr views = values(col, "VIEWS", count, path);
        JsonValue.Arr bufs = ctx.arr(ctx.require(col, "VARIADIC_DATA_BUFFERS", path), "VARIADIC_DATA_BUFFERS", path);
        List<byte[]> data = new ArrayList<>(bufs.size());
        for (JsonValue b : bufs.items()) data.add(hex(b, path));
        BufferBuilder out = new BufferBuilder(count * 16);
        for (int i = 0; i < count; i++) {
            JsonValue.Obj view = ctx.obj(views.get(i), "a view", path);
            int size = (int) ctx.integer(ctx.require(view, "SIZE", path), 0, Integer.MAX_VALUE, "view SIZE", path);
            out.putInt(size);
            if (size <= 12) {
                JsonValue inl = ctx.require(view, "INLINED", path);
                byte[] b = text ? utf8(inl, path) : hex(inl, path);
                if (b.length != size) {
                    throw ctx.invalid("INLINED has " + b.length + " bytes but SIZE is " + size, inl, path);
                }
                out.putBytes(b);
                for (int k = b.length; k < 12; k++) out.putByte(0);
            } else {
                JsonValue prefixNode = ctx.require(view, "PREFIX_HEX", path);
                byte[] prefix = hex(prefixNode, path);
                if (prefix.length != 4) throw ctx.invalid("PREFIX_HEX must have 4 bytes", prefixNode, path);
                JsonValue indexNode = ctx.require(view, "BUFFER_INDEX", path);
                int index = (int) ctx.integer(indexNode, 0, Integer.MAX_VALUE, "BUFFER_INDEX", path);
                JsonValue offsetNode = ctx.require(view, "OFFSET", path);
                int offset = (int) ctx.integer(offsetNode, 0, Integer.MAX_VALUE, "view OFFSET", path);
                if (index >= data.size()) {
                    throw ctx.invalid("BUFFER_INDEX " + index + " but there are " + data.size() + " data buffers",
                            indexNode, path);
                }
                byte[] buf = data.get(index);
                if ((long) offset + size > buf.length) {
                    throw ctx.invalid("view [" + offset + ", " + ((long) offset + size) + ") is outside data buffer "
                            + index + " of " + buf.length + " bytes", offsetNode, path);
                }
                for (int k = 0; k < 4; k++) {
                    if (buf[offset + k] != prefix[k]) {
                        throw ctx.invalid("PREFIX_HEX does not match the viewed bytes", prefixNode, path);
                    }
                }
                out.putBytes(prefix);
                out.putInt(index);
                out.putInt(offset);
            }
        }
        MemorySegment[] buffers = new MemorySegment[2 + data.size()];
        buffers[0] = v.bitmap;
        buffers[1] = out.finish();
        for (int k = 0; k < data.size(); k++) buffers[2 + k] = MemorySegment.ofArray(data.get(k));
        return new ArrayData(type, count, 0, v.nullCount, buffers, null, null);
    }

    // ---- nested ----------------------------------------------------------------------------------------------

    private ArrayData[] children(JsonValue.Obj col, Field field, String path) {
        int n = field.children().size();
        JsonValue node = ctx.optional(col, "children");
        JsonValue.Arr a = node == null ? null : ctx.arr(node, "\"children\"", path);
        int have = a == null ? 0 : a.size();
        if (have != n) {
            throw ctx.invalid("column has " + have + " children but its field has " + n, a == null ? col : a, path);
        }
        ArrayData[] out = new ArrayData[n];
        for (int k = 0; k < n; k++) {
            Field child = field.child(k);
            out[k] = read(child, a.get(k), path + "." + child.name(), true);
        }
        return out;
    }

    private void noChildren(JsonValue.Obj col, Field field, String path) {
        JsonValue node = ctx.optional(col, "children");
        if (node != null && !ctx.arr(node, "\"children\"", path).items().isEmpty()) {
            throw ctx.invalid("type " + field.type() + " has no children", node, path);
        }
    }

    private ArrayData list(JsonValue.Obj col, Field field, int count, boolean large, String path) {
        Validity v = validity(col, count, path);
        long[] offsets = offsets(col, "OFFSET", count, large, path);
        ArrayData[] children = children(col, field, path);
        if (offsets[offsets.length - 1] > children[0].length()) {
            throw ctx.invalid("last offset " + offsets[offsets.length - 1] + " is beyond the child's "
                    + children[0].length() + " values", col, path);
        }
        MemorySegment off = offsetBuffer(offsets, 0, large);
        return new ArrayData(field.type(), count, 0, v.nullCount, new MemorySegment[] {v.bitmap, off}, children, null);
    }

    private ArrayData listView(JsonValue.Obj col, Field field, int count, boolean large, String path) {
        Validity v = validity(col, count, path);
        JsonValue.Arr offs = values(col, "OFFSET", count, path);
        JsonValue.Arr sizes = values(col, "SIZE", count, path);
        ArrayData[] children = children(col, field, path);
        long childLength = children[0].length();
        long max = large ? Long.MAX_VALUE : Integer.MAX_VALUE;
        BufferBuilder o = new BufferBuilder(count * (large ? 8 : 4));
        BufferBuilder s = new BufferBuilder(count * (large ? 8 : 4));
        for (int i = 0; i < count; i++) {
            long off = ctx.integer(offs.get(i), 0, max, "list view offset", path);
            long size = ctx.integer(sizes.get(i), 0, max, "list view size", path);
            if (off > childLength || size > childLength - off) {
                throw ctx.invalid("list view " + i + " [" + off + ", +" + size + ") is outside the child's "
                        + childLength + " values", offs.get(i), path);
            }
            if (large) { o.putLong(off); s.putLong(size); } else { o.putInt((int) off); s.putInt((int) size); }
        }
        return new ArrayData(field.type(), count, 0, v.nullCount,
                new MemorySegment[] {v.bitmap, o.finish(), s.finish()}, children, null);
    }

    private ArrayData union(JsonValue.Obj col, Field field, ArrowType.Union u, int count, String path) {
        int[] ids = u.typeIds();
        int n = field.children().size();
        JsonValue.Arr typeIds = values(col, "TYPE_ID", count, path);
        int[] childOf = new int[count];
        BufferBuilder tb = new BufferBuilder(count);
        for (int i = 0; i < count; i++) {
            int id = (int) ctx.integer(typeIds.get(i), 0, 127, "union type id", path);
            int child = -1;
            for (int k = 0; k < n; k++) {
                if ((ids == null ? k : ids[k]) == id) child = k;
            }
            if (child < 0) throw ctx.invalid("type id " + id + " is not one of the union's type ids", typeIds.get(i), path);
            childOf[i] = child;
            tb.putByte(id);
        }
        ArrayData[] children = children(col, field, path);
        if (u.mode() == UnionMode.SPARSE) {
            for (int k = 0; k < n; k++) {
                if (children[k].length() != count) {
                    throw ctx.invalid("sparse union child \"" + field.child(k).name() + "\" has count "
                            + children[k].length() + " but the union has " + count, col, path);
                }
            }
            return new ArrayData(u, count, 0, 0, new MemorySegment[] {tb.finish()}, children, null);
        }
        JsonValue.Arr offs = values(col, "OFFSET", count, path);
        BufferBuilder ob = new BufferBuilder(count * 4);
        for (int i = 0; i < count; i++) {
            int off = (int) ctx.integer(offs.get(i), 0, Integer.MAX_VALUE, "union offset", path);
            if (off >= children[childOf[i]].length()) {
                throw ctx.invalid("union offset " + off + " is beyond child \"" + field.child(childOf[i]).name()
                        + "\" of " + children[childOf[i]].length() + " values", offs.get(i), path);
            }
            ob.putInt(off);
        }
        return new ArrayData(u, count, 0, 0, new MemorySegment[] {tb.finish(), ob.finish()}, children, null);
    }

    private ArrayData runEndEncoded(JsonValue.Obj col, Field field, int count, String path) {
        ArrayData[] children = children(col, field, path);
        ArrayData runEnds = children[0];
        if (runEnds.length() != children[1].length()) {
            throw ctx.invalid("run_ends has " + runEnds.length() + " values but values has " + children[1].length(),
                    col, path);
        }
        if (runEnds.nullCount() != 0) throw ctx.invalid("run_ends must not contain nulls", col, path);
        int width = ((ArrowType.Int) runEnds.type()).bitWidth() / 8;
        long previous = 0;
        for (int i = 0; i < runEnds.length(); i++) {
            long end = switch (width) {
                case 2 -> runEnds.buffer(1).get(LE.SHORT, 2L * i);
                case 4 -> runEnds.buffer(1).get(LE.INT, 4L * i);
                default -> runEnds.buffer(1).get(LE.LONG, 8L * i);
            };
            if (end <= previous) {
                throw ctx.invalid("run ends must be positive and strictly increasing (entry " + i + " is " + end + ")",
                        col, path);
            }
            previous = end;
        }
        if (previous < count) {
            throw ctx.invalid("the last run end " + previous + " is less than count " + count, col, path);
        }
        return new ArrayData(field.type(), count, 0, 0, new MemorySegment[0], children, null);
    }

    private void checkIndices(MemorySegment indices, ArrowType.Int type, Validity v, int count, int dictLength,
                              JsonValue.Arr data, String path) {
        int width = type.bitWidth() / 8;
        for (int i = 0; i < count; i++) {
            if (v.nullCount > 0 && !Bits.get(v.bitmap, i)) continue;
            long x = switch (width) {
                case 1 -> type.signed() ? indices.get(LE.BYTE, i) : Byte.toUnsignedLong(indices.get(LE.BYTE, i));
                case 2 -> type.signed() ? indices.get(LE.SHORT, 2L * i) : Short.toUnsignedLong(indices.get(LE.SHORT, 2L * i));
                case 4 -> type.signed() ? indices.get(LE.INT, 4L * i) : Integer.toUnsignedLong(indices.get(LE.INT, 4L * i));
                default -> indices.get(LE.LONG, 8L * i);
            };
            if (x < 0 || x >= dictLength) {
                throw ctx.invalid("dictionary index " + (width == 8 && !type.signed() ? Long.toUnsignedString(x) : x)
                        + " is outside the dictionary of " + dictLength + " values", data.get(i), path);
            }
        }
    }
}
