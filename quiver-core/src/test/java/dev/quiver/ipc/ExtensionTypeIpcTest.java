package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.array.Array;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.testing.TestData;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ExtensionType;
import dev.quiver.type.ExtensionTypeFactory;
import dev.quiver.type.ExtensionTypes;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Extension types: the name and metadata keys survive reading and writing; a registered factory lets readers
 * recognise a user's type (and refuse a field whose storage type does not fit it).
 */
class ExtensionTypeIpcTest {
    /** A UUID stored as fixed_size_binary(16), read back as java.util.UUID. */
    record Uuid(String extensionName) implements ExtensionType {
        @Override public String serialize() { return ""; }
        @Override public ArrowType storageType() { return ArrowTypes.fixedSizeBinary(16); }
        @Override public Object fromStorage(Object v) {
            if (v == null) return null;
            ByteBuffer b = ByteBuffer.wrap((byte[]) v);
            return new UUID(b.getLong(), b.getLong());
        }
    }

    /** A float64 with a unit, the unit as the serialized metadata. */
    record Measure(String unit) implements ExtensionType {
        @Override public String extensionName() { return "quiver.test.measure"; }
        @Override public String serialize() { return unit; }
        @Override public ArrowType storageType() { return ArrowTypes.FLOAT64; }
    }

    private static ExtensionTypeFactory uuidFactory(String name) {
        return new ExtensionTypeFactory() {
            @Override public String extensionName() { return name; }
            @Override public ExtensionType deserialize(ArrowType storage, List<Field> children, String metadata) {
                if (!storage.equals(ArrowTypes.fixedSizeBinary(16))) {
                    throw new IllegalArgumentException("a uuid needs fixed_size_binary[16], not " + storage);
                }
                return new Uuid(name);
            }
        };
    }

    private static final ExtensionTypeFactory MEASURE = new ExtensionTypeFactory() {
        @Override public String extensionName() { return "quiver.test.measure"; }
        @Override public ExtensionType deserialize(ArrowType storage, List<Field> children, String metadata) {
            if (!storage.equals(ArrowTypes.FLOAT64)) throw new IllegalArgumentException("not float64: " + storage);
            return new Measure(metadata);
        }
    };

    @AfterEach
    void unregister() {
        ExtensionTypes.unregister("arrow.uuid");
        ExtensionTypes.unregister("quiver.test.uuid");
        ExtensionTypes.unregister("quiver.test.measure");
    }

    @Test
    void goldExtensionCaseIsRecognisedOnceRegisteredAndWrittenBackWithItsMetadata() throws IOException {
        try (RecordBatchFileReader r = Ipc.openFile(TestData.gold("cpp-21.0.0", "extension", ".arrow_file"))) {
            Field uuids = r.schema().field(0);
            Field dict = r.schema().field(1);
            assertEquals("arrow.uuid", uuids.extensionName());
            assertNull(uuids.extensionType(), "not registered yet");
            assertEquals("dict-extension", dict.extensionName());
            assertEquals("dict-extension-serialized", ExtensionTypes.metadata(dict));
            ExtensionTypes.register(uuidFactory("arrow.uuid"));
            ExtensionType t = uuids.extensionType();
            assertInstanceOf(Uuid.class, t);
            assertNull(dict.extensionType(), "dict-extension is not registered");

            List<RecordBatch> batches = r.readAll().batches();
            for (boolean file : new boolean[] {false, true}) {
                byte[] bytes = IpcNestedRoundTripTest.write(r.schema(), batches, file, IpcWriteOptions.DEFAULT);
                List<RecordBatch> back = IpcNestedRoundTripTest.read(bytes, file);
                IpcNestedRoundTripTest.compareAll(batches, back);
                Field f = back.get(0).schema().field(0);
                assertEquals(Map.of(ExtensionTypes.NAME_KEY, "arrow.uuid", ExtensionTypes.METADATA_KEY, ""), f.metadata());
                assertInstanceOf(Uuid.class, f.extensionType());
                assertEquals(dict.metadata(), back.get(0).schema().field(1).metadata());
            }
        }
    }

    @Test
    void userDefinedTypesRoundTrip() throws IOException {
        ExtensionTypes.register(uuidFactory("quiver.test.uuid"));
        ExtensionTypes.register(MEASURE);
        Uuid uuid = new Uuid("quiver.test.uuid");
        Field id = ExtensionTypes.field("id", uuid, true);
        Field speed = ExtensionTypes.field("speed", new Measure("m/s"), false);
        Schema schema = Schema.of(id, speed);
        UUID u1 = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        List<Object> ids = new ArrayList<>();
        ids.add(bytes(u1));
        ids.add(null);
        Array idArray = Arrow.of(id, ids);
        RecordBatch b = RecordBatch.of(schema, List.of(idArray, Arrow.float64(1.5, 2.5)));
        for (boolean file : new boolean[] {false, true}) {
            List<RecordBatch> back = IpcNestedRoundTripTest.read(
                    IpcNestedRoundTripTest.write(schema, List.of(b), file, IpcWriteOptions.DEFAULT), file);
            IpcNestedRoundTripTest.compareAll(List.of(b), back);
            Field readId = back.get(0).schema().field(0);
            ExtensionType t = readId.extensionType();
            assertEquals(uuid, t);
            assertEquals(u1, t.fromStorage(back.get(0).column(0).getObject(0)));
            assertNull(t.fromStorage(back.get(0).column(0).getObject(1)));
            assertEquals(new Measure("m/s"), back.get(0).schema().field(1).extensionType());
        }
    }

    private static byte[] bytes(UUID u) {
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    @Test
    void aRegisteredTypeRefusingTheStorageTypeFailsTheRead() throws IOException {
        Field wrong = Field.nullable("w", ArrowTypes.INT32).withMetadata(Map.of(ExtensionTypes.NAME_KEY, "quiver.test.uuid"));
        Schema schema = Schema.of(wrong);
        RecordBatch b = RecordBatch.of(schema, List.of(Arrow.int32(1)));
        byte[] stream = IpcNestedRoundTripTest.write(schema, List.of(b), false, IpcWriteOptions.DEFAULT);
        byte[] file = IpcNestedRoundTripTest.write(schema, List.of(b), true, IpcWriteOptions.DEFAULT);
        // unregistered: read as its storage type, keys kept
        assertEquals(schema, IpcNestedRoundTripTest.read(stream, false).get(0).schema());
        ExtensionTypes.register(uuidFactory("quiver.test.uuid"));
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> Ipc.openStream(stream));
        assertTrue(e.getMessage().contains("field of extension type 'quiver.test.uuid' does not fit it: a uuid needs "
                + "fixed_size_binary[16], not int32"), e.getMessage());
        assertTrue(e.getMessage().contains("w"), e.getMessage());
        assertThrows(InvalidDataException.class, () -> Ipc.openFile(file));
    }

    @Test
    void registryRules() {
        ExtensionTypes.register(MEASURE);
        ExtensionTypes.register(MEASURE);   // the same factory again is fine
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ExtensionTypes.register(
                new ExtensionTypeFactory() {
                    @Override public String extensionName() { return "quiver.test.measure"; }
                    @Override public ExtensionType deserialize(ArrowType s, List<Field> c, String m) { return null; }
                }));
        assertEquals("an extension type named 'quiver.test.measure' is already registered", e.getMessage());
        IllegalArgumentException wrongStorage = assertThrows(IllegalArgumentException.class,
                () -> ExtensionTypes.withExtension(Field.nullable("x", ArrowTypes.INT8), new Measure("kg")));
        assertEquals("extension type 'quiver.test.measure' is stored as float64, not int8", wrongStorage.getMessage());
        assertTrue(ExtensionTypes.unregister("quiver.test.measure"));
        assertNull(ExtensionTypes.factory("quiver.test.measure"));
    }
}
