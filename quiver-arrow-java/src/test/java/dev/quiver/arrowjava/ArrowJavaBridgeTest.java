package dev.quiver.arrowjava;

import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.cdata.CData;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.Field;
import dev.quiver.validate.ValidationLevel;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrowJavaBridgeTest {

    static RecordBatch sample() {
        Field list = Field.nullable("tags", ArrowTypes.LIST, Field.nullable("item", ArrowTypes.UTF8));
        Field point = Field.nullable("point", ArrowTypes.STRUCT, Field.nullable("x", ArrowTypes.FLOAT64),
                Field.nullable("y", ArrowTypes.FLOAT64));
        return RecordBatch.builder()
                .add("id", Arrow.int64(1L, 2L, 3L))
                .add("name", Arrow.utf8("ann", null, "cy"))
                .add("score", Arrow.float64(0.5, null, 2.5))
                .add("at", Arrow.of(new ArrowType.Timestamp(ArrowTimeUnit.MILLISECOND, "UTC"),
                        Arrays.asList(Instant.ofEpochMilli(1000), null, Instant.ofEpochMilli(3000))))
                .add(list, Arrow.of(list, Arrays.asList(List.of("a", "b"), null, List.of())))
                .add(point, Arrow.of(point, Arrays.asList(Map.of("x", 1.0, "y", 2.0), null, Map.of("x", 3.0, "y", 4.0))))
                .build();
    }

    @Test
    void quiverBatchToVectorSchemaRootAndBack() {
        int exports = CData.liveExports();
        int imports = CData.liveImports();
        try (BufferAllocator allocator = new RootAllocator()) {
            RecordBatch batch = sample();
            try (VectorSchemaRoot root = ArrowJavaBridge.toVectorSchemaRoot(batch, allocator)) {
                assertEquals(3, root.getRowCount());
                assertEquals(2L, ((BigIntVector) root.getVector("id")).get(1));
                assertEquals(new Text("cy"), ((VarCharVector) root.getVector("name")).getObject(2));
                assertTrue(root.getVector("name").isNull(1));
                assertEquals(2.5, ((Float8Vector) root.getVector("score")).get(2));
                assertEquals(List.of(new Text("a"), new Text("b")), ((ListVector) root.getVector("tags")).getObject(0));
                assertEquals(3.0, ((StructVector) root.getVector("point")).getChild("x", Float8Vector.class).get(2));
                assertEquals("point", root.getSchema().getFields().get(5).getName());

                try (RecordBatch back = ArrowJavaBridge.toRecordBatch(root, allocator)) {
                    assertEquals(batch.schema(), back.schema());
                    for (int c = 0; c < batch.numColumns(); c++) {
                        assertEquals(batch.column(c).toList(), back.column(c).toList(), batch.schema().field(c).name());
                    }
                }
            }
            assertEquals(0, allocator.getAllocatedMemory());
        }
        assertEquals(exports, CData.liveExports(), "Arrow Java released the export");
        assertEquals(imports, CData.liveImports(), "Quiver released Arrow Java's buffers");
    }

    @Test
    void arrowJavaRootToQuiverBatchSharesTheBuffers() {
        try (BufferAllocator allocator = new RootAllocator();
             IntVector v = new IntVector("v", allocator)) {
            v.allocateNew(4);
            for (int i = 0; i < 4; i++) v.set(i, i * 10);
            v.setNull(2);
            v.setValueCount(4);
            try (VectorSchemaRoot root = VectorSchemaRoot.of(v)) {
                RecordBatch b = ArrowJavaBridge.toRecordBatch(root, allocator);
                assertEquals(v.getDataBuffer().memoryAddress(), b.column(0).data().buffer(1).address(), "no copy");
                assertEquals(Arrays.asList(0, 10, null, 30), b.column(0).toList());
                root.close(); // Arrow Java lets go first; the batch's reference keeps the buffers
                assertEquals(Arrays.asList(0, 10, null, 30), b.column(0).toList());
                b.close();
            }
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }

    @Test
    void dictionariesTravelThroughTheProvider() {
        RecordBatch batch = RecordBatch.builder()
                .add("d", Arrow.dictionary(Arrow.int8(1, 0, 1), Arrow.utf8("x", "y"))).build();
        try (BufferAllocator allocator = new RootAllocator()) {
            assertThrows(IllegalArgumentException.class, () -> ArrowJavaBridge.toVectorSchemaRoot(batch, allocator));
            try (CDataDictionaryProvider dictionaries = new CDataDictionaryProvider();
                 VectorSchemaRoot root = ArrowJavaBridge.toVectorSchemaRoot(batch, allocator, dictionaries)) {
                long id = root.getSchema().getFields().get(0).getDictionary().getId();
                Dictionary dict = dictionaries.lookup(id);
                assertEquals(new Text("y"), ((VarCharVector) dict.getVector()).getObject(1));
                try (RecordBatch back = ArrowJavaBridge.toRecordBatch(root, allocator, dictionaries, ValidationLevel.FULL)) {
                    assertEquals(List.of("y", "x", "y"), back.column(0).toList());
                }
            }
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }

    @Test
    void closingTheBatchFirstIsSafe() {
        try (BufferAllocator allocator = new RootAllocator()) {
            RecordBatch batch = sample();
            VectorSchemaRoot root = ArrowJavaBridge.toVectorSchemaRoot(batch, allocator);
            batch.close();
            assertNull(root.getVector("name").getObject(1));
            assertEquals(new Text("ann"), ((VarCharVector) root.getVector("name")).getObject(0));
            root.close();
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }
}
