package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.QuiverException;
import dev.quiver.array.Array;
import dev.quiver.array.ArrayData;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.validate.ValidationLevel;
import dev.quiver.validate.Validator;
import dev.quiver.testing.GetterContract;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The getter contract of {@link ValidationLevel} (issue 8, defect 8), shown on many deterministically mutated arrays
 * of every type: random values written into random buffers (offsets, lengths, views, type ids, run ends, indices,
 * values, bitmaps), buffers cut short, lengths, offsets and null counts changed; and random bytes in the body of an
 * IPC stream holding every type. Each is validated (only {@link InvalidDataException}) or read (only
 * {@link QuiverException}) at every level; what passes has every typed getter (found by reflection), getObject,
 * getDisplayObject, toString and slice called on every slot, and only the exceptions the level documents may occur:
 * <ul>
 *   <li>at every level: {@link DateTimeException} from the getters that return java.time values, where java.time
 *   cannot hold the value (times of day, timestamps), also through getObject of arrays nesting them;</li>
 *   <li>FULL: nothing else on a valid slot; on a null slot the typed getters may throw what BASIC allows (what lies
 *   under a null is unspecified), getObject and getDisplayObject return null;</li>
 *   <li>BASIC: {@link IndexOutOfBoundsException} from arrays whose type follows offsets, views, type ids, run ends or
 *   dictionary indices (or nests such a type); fixed-width getters throw nothing;</li>
 *   <li>NONE: {@link IndexOutOfBoundsException} from any getter.</li>
 * </ul>
 */
class GetterContractTest {
    private static final int VALUES = 7;
    private static final int MUTATIONS_PER_FIXTURE = 100;

    /** Every type, with nulls: the flat types of {@link SampleData}, the nested cases, lists, structs, maps, dictionaries. */
    static Map<String, Map.Entry<Field, Array>> fixtures() {
        Map<String, Map.Entry<Field, Array>> m = new LinkedHashMap<>();
        SampleData.types().forEach((name, t) -> m.put(name, Map.entry(Field.nullable("v", t.getKey()),
                SampleData.array(t.getKey(), t.getValue(), VALUES, true))));
        IpcNestedRoundTripTest.cases().forEach((name, c) -> m.put(name, Map.entry(c.getKey(),
                c.getValue().make(c.getKey(), VALUES, true))));
        Field list = Field.nullable("v", new ArrowType.List(), Field.nullable("item", ArrowTypes.UTF8));
        m.put("list<utf8>", Map.entry(list, Arrow.of(list, Arrays.asList(List.of("a", "bc"), null, List.of(),
                Arrays.asList("d", null), List.of("e"), List.of("f", "g", "h"), List.of()))));
        Field large = Field.nullable("v", new ArrowType.LargeList(), Field.nullable("item", ArrowTypes.INT32));
        m.put("large_list<int32>", Map.entry(large, Arrow.of(large, Arrays.asList(List.of(1, 2), null, List.of(),
                Arrays.asList(3, null), List.of(4), List.of(5, 6, 7), List.of()))));
        Field fixed = Field.nullable("v", new ArrowType.FixedSizeList(2), Field.nullable("item", ArrowTypes.INT16));
        m.put("fixed_size_list<int16>[2]", Map.entry(fixed, Arrow.of(fixed, Arrays.asList(List.of(1, 2), null,
                Arrays.asList(3, null), List.of(4, 5), List.of(6, 7), List.of(8, 9), List.of(10, 11)))));
        Field ts = Field.nullable("t", ArrowTypes.timestamp(ArrowTimeUnit.SECOND));
        Field struct = Field.nullable("v", new ArrowType.Struct(), Field.nullable("a", ArrowTypes.INT32),
                Field.nullable("s", ArrowTypes.UTF8), Field.nullable("l", new ArrowType.List(), ts));
        List<Object> structs = new ArrayList<>();
        for (int i = 0; i < VALUES; i++) {
            structs.add(i == 1 ? null : Arrays.asList(i, i % 3 == 0 ? null : "s" + i, List.of((long) i * 1000,
                    Long.MAX_VALUE - i)));
        }
        m.put("struct<int32, utf8, list<timestamp[s]>>", Map.entry(struct, Arrow.of(struct, structs)));
        Field map = Field.nullable("v", new ArrowType.Map(false), Field.notNull("entries", new ArrowType.Struct(),
                Field.notNull("key", ArrowTypes.UTF8), Field.nullable("value", ArrowTypes.INT32)));
        List<Object> maps = new ArrayList<>();
        for (int i = 0; i < VALUES; i++) maps.add(i == 2 ? null : i % 3 == 0 ? Map.of() : Map.of("k" + i, i, "x", -i));
        m.put("map<utf8, int32>", Map.entry(map, Arrow.of(map, maps)));
        for (ArrowType.Int index : new ArrowType.Int[] {ArrowTypes.INT8, ArrowTypes.UINT32, ArrowTypes.INT64}) {
            Field dict = Field.nullable("v", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(0).withIndexType(index));
            m.put("dictionary<utf8, " + index + ">", Map.entry(dict, Arrow.of(dict,
                    Arrays.asList("x", "y", null, "x", "zz", "y", "x"))));
        }
        Field time = Field.nullable("v", ArrowTypes.time32(ArrowTimeUnit.SECOND)).withDictionary(DictionaryEncoding.of(1));
        m.put("dictionary<time32[s]>", Map.entry(time, Arrow.of(time, Arrays.asList(1L, 86_399L, null, 1L, 5L, 5L,
                7L))));
        for (Map.Entry<String, Map.Entry<Field, Array>> e : m.entrySet()) {
            Map.Entry<Field, Array> f = e.getValue();
            Validator.validate(f.getKey(), f.getValue().data(), ValidationLevel.FULL); // the fixtures are valid
            assertEquals(VALUES, f.getValue().length(), e.getKey());
        }
        return m;
    }

    // ---- mutations of ArrayData ----------------------------------------------------------------------

    /** A deep copy in writable heap memory. */
    private static ArrayData copy(ArrayData d) {
        MemorySegment[] buffers = d.buffers();
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = buffers[i].byteSize() == 0 ? ArrayData.ABSENT
                    : MemorySegment.ofArray(buffers[i].toArray(ValueLayout.JAVA_BYTE));
        }
        ArrayData[] children = d.children();
        for (int i = 0; i < children.length; i++) children[i] = copy(children[i]);
        return new ArrayData(d.type(), d.length(), d.offset(), d.nullCount(), buffers, children,
                d.dictionary() == null ? null : copy(d.dictionary()));
    }

    private static List<ArrayData> nodes(ArrayData d, List<ArrayData> out) {
        out.add(d);
        for (ArrayData c : d.children()) nodes(c, out);
        if (d.dictionary() != null) nodes(d.dictionary(), out);
        return out;
    }

    /** {@code root} with node {@code target} replaced by {@code replacement}. */
    private static ArrayData replace(ArrayData root, ArrayData target, ArrayData replacement) {
        if (root == target) return replacement;
        ArrayData[] children = root.children();
        for (int i = 0; i < children.length; i++) children[i] = replace(children[i], target, replacement);
        ArrayData dictionary = root.dictionary() == null ? null : replace(root.dictionary(), target, replacement);
        return new ArrayData(root.type(), root.length(), root.offset(), root.nullCount(), root.buffers(), children,
                dictionary);
    }

    private static long interesting(Random rnd, ArrayData node) {
        return switch (rnd.nextInt(9)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Integer.MAX_VALUE;
            case 3 -> Integer.MIN_VALUE;
            case 4 -> node.length() + rnd.nextInt(3) - 1;
            case 5 -> Long.MAX_VALUE;
            case 6 -> Long.MIN_VALUE;
            case 7 -> rnd.nextInt(40) - 8;
            default -> rnd.nextLong();
        };
    }

    /** One random mutation of a copy of {@code d}, described in {@code log}. */
    private static ArrayData mutate(ArrayData d, Random rnd, StringBuilder log) {
        List<ArrayData> nodes = nodes(d, new ArrayList<>());
        ArrayData node = nodes.get(rnd.nextInt(nodes.size()));
        int kind = rnd.nextInt(10);
        if (kind < 6 && node.bufferCount() > 0) {
            int b = rnd.nextInt(node.bufferCount());
            MemorySegment s = node.buffer(b);
            if (s.byteSize() == 0) return d;
            long v = interesting(rnd, node);
            int width = new int[] {1, 2, 4, 4, 8}[rnd.nextInt(5)];
            long at = Math.max(0, (rnd.nextLong(Math.max(1, s.byteSize() - width + 1)) / width) * width);
            if (at + width > s.byteSize()) return d;
            switch (width) {
                case 1 -> s.set(ValueLayout.JAVA_BYTE, at, (byte) v);
                case 2 -> s.set(ValueLayout.JAVA_SHORT_UNALIGNED, at, (short) v);
                case 4 -> s.set(ValueLayout.JAVA_INT_UNALIGNED, at, (int) v);
                default -> s.set(ValueLayout.JAVA_LONG_UNALIGNED, at, v);
            }
            log.append(" [").append(node.type()).append(" buffer ").append(b).append(" @").append(at).append(" := ")
                    .append(width).append("-byte ").append(v).append(']');
            return d;
        }
        if (kind < 8 && node.bufferCount() > 0) {
            int b = rnd.nextInt(node.bufferCount());
            MemorySegment[] buffers = node.buffers();
            long size = buffers[b].byteSize() == 0 ? 0 : rnd.nextLong(buffers[b].byteSize());
            buffers[b] = size == 0 ? ArrayData.ABSENT : buffers[b].asSlice(0, size);
            log.append(" [").append(node.type()).append(" buffer ").append(b).append(" cut to ").append(size).append(']');
            return replace(d, node, new ArrayData(node.type(), node.length(), node.offset(), node.nullCount(), buffers,
                    node.children(), node.dictionary()));
        }
        int length = rnd.nextBoolean() ? node.length() : rnd.nextInt(2 * VALUES + 8);
        int offset = rnd.nextInt(4) == 0 ? Integer.MAX_VALUE - rnd.nextInt(4) : rnd.nextBoolean() ? node.offset()
                : rnd.nextInt(8);
        int nulls = Math.min(length, rnd.nextBoolean() ? node.nullCount() : rnd.nextInt(4));
        log.append(" [").append(node.type()).append(" length ").append(length).append(" offset ").append(offset)
                .append(" nulls ").append(nulls).append(']');
        return replace(d, node, new ArrayData(node.type(), length, offset, nulls, node.buffers(), node.children(),
                node.dictionary()));
    }

    @TestFactory
    List<DynamicTest> mutatedArraysOfEveryTypeKeepTheGetterContractAtEveryLevel() {
        List<DynamicTest> tests = new ArrayList<>();
        int seed = 0;
        for (Map.Entry<String, Map.Entry<Field, Array>> f : fixtures().entrySet()) {
            int fixtureSeed = seed++;
            tests.add(DynamicTest.dynamicTest(f.getKey(), () -> {
                Field field = f.getValue().getKey();
                Random rnd = new Random(fixtureSeed);
                int passedFull = 0;
                for (int m = 0; m < MUTATIONS_PER_FIXTURE; m++) {
                    StringBuilder log = new StringBuilder(f.getKey() + " mutation " + m + ":");
                    ArrayData d = copy(f.getValue().getValue().data());
                    for (int k = 1 + rnd.nextInt(3); k > 0; k--) d = mutate(d, rnd, log);
                    for (ValidationLevel level : ValidationLevel.values()) {
                        try {
                            Validator.validate(field, d, level);
                        } catch (InvalidDataException e) {
                            continue;
                        } catch (RuntimeException e) {
                            throw new AssertionError(log + " at " + level + ": validation threw " + e, e);
                        }
                        if (level == ValidationLevel.FULL) passedFull++;
                        contract(level, log.toString()).exercise(Array.of(d), 0);
                    }
                }
                assertTrue(passedFull > 0, "some mutations keep the data valid");
            }));
        }
        return tests;
    }

    // ---- mutations of an IPC stream ------------------------------------------------------------------

    @Test
    void mutatedStreamBodiesKeepTheGetterContractAtEveryLevel() throws IOException {
        Map<String, Map.Entry<Field, Array>> fixtures = fixtures();
        List<Field> fields = new ArrayList<>();
        List<Array> columns = new ArrayList<>();
        int dictionaryId = 0;
        for (Map.Entry<String, Map.Entry<Field, Array>> f : fixtures.entrySet()) {
            Field field = f.getValue().getKey().withName("c" + fields.size());
            DictionaryEncoding e = field.dictionary();
            if (e != null) field = field.withDictionary(new DictionaryEncoding(dictionaryId++, e.indexType(), e.ordered()));
            fields.add(field);
            columns.add(f.getValue().getValue());
        }
        Schema schema = Schema.of(fields.toArray(new Field[0]));
        byte[] bytes = IpcNestedRoundTripTest.write(schema, List.of(RecordBatch.of(schema, columns)), false,
                IpcWriteOptions.DEFAULT);
        int schemaEnd = IpcNestedRoundTripTest.write(schema, List.of(), false, IpcWriteOptions.DEFAULT).length - 8;
        Random rnd = new Random(42);
        int read = 0;
        for (int m = 0; m < 200; m++) {
            byte[] mutated = bytes.clone();
            StringBuilder log = new StringBuilder("stream mutation " + m + ":");
            for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                int at = schemaEnd + rnd.nextInt(mutated.length - 8 - schemaEnd);
                byte v = (byte) (rnd.nextBoolean() ? rnd.nextInt() : new int[] {0, -1, 0x7F, 0x80, 1}[rnd.nextInt(5)]);
                mutated[at] = v;
                log.append(" [@").append(at).append(" := ").append(v).append(']');
            }
            for (ValidationLevel level : ValidationLevel.values()) {
                RecordBatch batch;
                try (RecordBatchStreamReader r = Ipc.openStream(MemorySegment.ofArray(mutated),
                        IpcReadOptions.DEFAULT.withValidation(level))) {
                    batch = r.readNext();
                    if (batch == null) continue;
                    read++;
                    for (int c = 0; c < batch.numColumns(); c++) {
                        contract(level, log + " column " + fields.get(c)).exercise(batch.column(c), 0);
                    }
                } catch (QuiverException e) {
                    // refused: fine
                } catch (RuntimeException e) {
                    throw new AssertionError(log + " at " + level + ": reading threw " + e, e);
                }
            }
        }
        assertTrue(read > 100, "many mutated streams are read: " + read);
    }

    /** The contract of {@link GetterContract}, on the slots that the fixtures have (and a few beyond). */
    private static GetterContract contract(ValidationLevel level, String where) {
        return new GetterContract(level, where, 2 * VALUES + 8);
    }
}
