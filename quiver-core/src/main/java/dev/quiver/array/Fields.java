package dev.quiver.array;

import dev.quiver.type.ArrowType;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;

import java.util.ArrayList;
import java.util.List;

/**
 * Fields inferred from array data, for batches assembled from bare arrays. ArrayData carries no child names, so
 * children get conventional names: list elements "item", map "entries"/"key"/"value", run-end encoded
 * "run_ends"/"values", struct and union children "f0", "f1", ...
 */
final class Fields {
    private Fields() {}

    /** @param nextDictionaryId first dictionary id to assign; advanced for each dictionary found */
    static Field infer(String name, ArrayData data, long[] nextDictionaryId) {
        if (data.dictionary() != null) {
            Field values = infer(name, data.dictionary(), nextDictionaryId);
            long id = nextDictionaryId[0]++;
            return values.withDictionary(new DictionaryEncoding(id, (ArrowType.Int) data.type(), false));
        }
        ArrowType type = data.type();
        List<Field> children = new ArrayList<>();
        switch (type) {
            case ArrowType.Map m -> {
                ArrayData entries = data.child(0);
                children.add(new Field("entries", entries.type(), false, List.of(
                        infer("key", entries.child(0), nextDictionaryId).withNullable(false),
                        infer("value", entries.child(1), nextDictionaryId)), null, null));
            }
            case ArrowType.RunEndEncoded r -> {
                children.add(infer("run_ends", data.child(0), nextDictionaryId).withNullable(false));
                children.add(infer("values", data.child(1), nextDictionaryId));
            }
            case ArrowType.List l -> children.add(infer("item", data.child(0), nextDictionaryId));
            case ArrowType.LargeList l -> children.add(infer("item", data.child(0), nextDictionaryId));
            case ArrowType.ListView l -> children.add(infer("item", data.child(0), nextDictionaryId));
            case ArrowType.LargeListView l -> children.add(infer("item", data.child(0), nextDictionaryId));
            case ArrowType.FixedSizeList l -> children.add(infer("item", data.child(0), nextDictionaryId));
            default -> {
                for (int c = 0; c < data.childCount(); c++) {
                    children.add(infer("f" + c, data.child(c), nextDictionaryId));
                }
            }
        }
        return new Field(name, type, true, children, null, null);
    }
}
