/**
 * Quiver for Apache Arrow Java: one-call conversions between Arrow Java's {@code VectorSchemaRoot} and Quiver's
 * {@code RecordBatch} through the C Data Interface, without copying. Exports {@link dev.quiver.arrowjava}.
 */
module dev.quiver.arrowjava {
    requires transitive dev.quiver.core;
    requires transitive org.apache.arrow.vector;
    requires transitive org.apache.arrow.memory.core;
    requires transitive org.apache.arrow.c;

    exports dev.quiver.arrowjava;
}
