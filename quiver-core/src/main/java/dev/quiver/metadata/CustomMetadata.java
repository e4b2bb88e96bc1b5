package dev.quiver.metadata;

import dev.quiver.metadata.FlatBufferReader.FbVector;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code custom_metadata: [KeyValue]} vectors of Schema.fbs, Message.fbs and File.fbs. */
final class CustomMetadata {
    private CustomMetadata() {}

    private static final int KEY = 0;
    private static final int VALUE = 1;

    /** Reads the KeyValue vector in {@code slot} of {@code t}, in order; a missing key or value is "". */
    static Map<String, String> read(FbTable t, int slot) {
        FbVector v = t.vector(slot, "custom_metadata", 4);
        if (v == null || v.length() == 0) return Map.of();
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length(); i++) {
            FbTable kv = t.tableAt(v, i, "KeyValue");
            String key = kv.string(KEY, "key");
            String value = kv.string(VALUE, "value");
            m.put(key == null ? "" : key, value == null ? "" : value);
        }
        return m;
    }

    /** Writes the KeyValue vector for {@code m}, or returns 0 when {@code m} is empty. */
    static int write(FlatBufferBuilder b, Map<String, String> m) {
        return m == null || m.isEmpty() ? 0 : writeVector(b, m);
    }

    /**
     * Writes the KeyValue vector for {@code m}, even an empty one, as Arrow C++ does: for each entry the key,
     * the value and the KeyValue table (value added first), then the vector.
     */
    static int writeVector(FlatBufferBuilder b, Map<String, String> m) {
        int[] entries = new int[m.size()];
        int i = 0;
        for (Map.Entry<String, String> e : m.entrySet()) {
            int key = b.createString(e.getKey() == null ? "" : e.getKey());
            int value = b.createString(e.getValue() == null ? "" : e.getValue());
            b.startTable(2);
            b.addOffset(VALUE, value);
            b.addOffset(KEY, key);
            entries[i++] = b.endTable();
        }
        return b.createOffsetVector(entries);
    }
}
