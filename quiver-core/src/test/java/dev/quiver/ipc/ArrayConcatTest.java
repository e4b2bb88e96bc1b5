package dev.quiver.ipc;

import dev.quiver.array.Array;
import dev.quiver.array.ArrayConcat;
import dev.quiver.array.ArrayData;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.type.ArrowType;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.validate.ValidationLevel;
import dev.quiver.validate.Validator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link ArrayConcat} (which applies delta dictionaries) for every type: two slices of one array, concatenated,
 * equal the slice spanning both, and validate fully; and a delta dictionary of a nested type through IPC.
 */
class ArrayConcatTest {
    @TestFactory
    List<DynamicTest> everyTypeConcatenates() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Map.Entry<ArrowType, IntFunction<Object>>> t : SampleData.types().entrySet()) {
            Field f = Field.nullable("v", t.getValue().getKey());
            tests.add(DynamicTest.dynamicTest(t.getKey(), () ->
                    check(f, SampleData.array(t.getValue().getKey(), t.getValue().getValue(), 101, true))));
        }
        for (Map.Entry<String, Map.Entry<Field, IpcNestedRoundTripTest.Gen>> t : IpcNestedRoundTripTest.cases().entrySet()) {
            Field f = t.getValue().getKey();
            tests.add(DynamicTest.dynamicTest(t.getKey(), () -> check(f, t.getValue().getValue().make(f, 101, true))));
        }
        Field list = new Field("v", new ArrowType.List(), true, List.of(Field.nullable("item", dev.quiver.type.ArrowTypes.UTF8)),
                null, null);
        tests.add(DynamicTest.dynamicTest("list", () -> {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < 101; i++) values.add(i % 5 == 1 ? null : List.of("x" + i, "y"));
            check(list, Arrow.of(list, values));
        }));
        return tests;
    }

    private static void check(Field f, Array full) {
        try (Arena arena = Arena.ofConfined()) {
            for (int[] cut : new int[][] {{3, 50, 48}, {0, 0, 101}, {57, 44, 0}, {8, 16, 9}}) {
                ArrayData joined = ArrayConcat.concat(full.data().slice(cut[0], cut[1]),
                        full.data().slice(cut[0] + cut[1], cut[2]), arena);
                Validator.validate(f, joined, ValidationLevel.FULL);
                assertNull(ArrayEquality.compare(f, full.data().slice(cut[0], cut[1] + cut[2]), joined),
                        java.util.Arrays.toString(cut));
            }
        }
    }

    @Test
    void deltaOfAListDictionary() throws Exception {
        Field f = new Field("l", new ArrowType.List(), true, List.of(Field.nullable("item", dev.quiver.type.ArrowTypes.INT32)),
                DictionaryEncoding.of(0), null);
        Schema schema = Schema.of(f);
        Field values = f.withDictionary(null);
        Array d1 = Arrow.of(values, java.util.Arrays.asList(List.of(1, 2), null));
        Array d2 = Arrow.of(values, java.util.Arrays.asList(List.of(1, 2), null, List.of(3), List.of()));
        List<RecordBatch> batches = List.of(RecordBatch.of(schema, List.of(Arrow.dictionary(Arrow.int32(0, 1), d1))),
                RecordBatch.of(schema, List.of(Arrow.dictionary(Arrow.int32(2, 3, 0), d2))));
        for (boolean file : new boolean[] {false, true}) {
            byte[] bytes = IpcNestedRoundTripTest.write(schema, batches, file,
                    IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true));
            List<RecordBatch> read = IpcNestedRoundTripTest.read(bytes, file);
            IpcNestedRoundTripTest.compareAll(batches, read);
            assertEquals(List.of(List.of(3), List.of(), List.of(1, 2)),
                    List.of(read.get(1).column(0).getObject(0), read.get(1).column(0).getObject(1),
                            read.get(1).column(0).getObject(2)));
        }
    }
}
