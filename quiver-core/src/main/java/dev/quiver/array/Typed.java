package dev.quiver.array;

/** The checked conversion behind the typed accessors ({@code batch.int32("id")}, {@code struct.field("a", T)}). */
final class Typed {
    private Typed() {}

    /** {@code a} as a {@code type}, or an IllegalArgumentException naming {@code what} and the actual type. */
    static <T extends Array> T as(Array a, Class<T> type, String what) {
        if (type.isInstance(a)) return type.cast(a);
        String actual = a instanceof DictionaryArray d
                ? "dictionary<values=" + d.dictionary().type() + ", indices=" + d.type() + "> (a DictionaryArray)"
                : a.type() + " (a " + a.getClass().getSimpleName() + ")";
        throw new IllegalArgumentException(what + " is " + actual + ", not a " + type.getSimpleName());
    }
}
