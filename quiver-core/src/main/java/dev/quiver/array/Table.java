package dev.quiver.array;

import dev.quiver.type.Schema;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A schema and a list of record batches that all have it, as PyArrow's {@code pa.Table} (whose columns are
 * chunked across the batches). What a reader's {@code readAll()} returns. Closing the table closes its batches.
 */
public final class Table implements Iterable<RecordBatch>, AutoCloseable {
    private final Schema schema;
    private final List<RecordBatch> batches;

    private Table(Schema schema, List<RecordBatch> batches) {
        this.schema = schema;
        this.batches = batches;
    }

    /**
     * A table of {@code batches}, each of which must have {@code schema}'s fields.
     *
     * @throws IllegalArgumentException if a batch's fields differ from the schema's
     */
    public static Table of(Schema schema, List<RecordBatch> batches) {
        Objects.requireNonNull(schema, "schema");
        List<RecordBatch> copy = List.copyOf(batches);
        for (int i = 0; i < copy.size(); i++) {
            if (!copy.get(i).schema().fields().equals(schema.fields())) {
                throw new IllegalArgumentException("batch " + i + " has schema " + copy.get(i).schema().fields()
                        + ", the table " + schema.fields());
            }
        }
        return new Table(schema, copy);
    }

    public Schema schema() { return schema; }

    /** The batches, in order (unmodifiable). */
    public List<RecordBatch> batches() { return batches; }

    public int numBatches() { return batches.size(); }

    public RecordBatch batch(int i) { return batches.get(i); }

    /** Rows over all batches. */
    public long numRows() {
        long n = 0;
        for (RecordBatch b : batches) n += b.numRows();
        return n;
    }

    @Override
    public Iterator<RecordBatch> iterator() { return batches.iterator(); }

    /** Closes every batch. */
    @Override
    public void close() {
        for (RecordBatch b : batches) b.close();
    }

    @Override
    public String toString() {
        return "Table(" + numRows() + " rows in " + batches.size() + (batches.size() == 1 ? " batch" : " batches") + ")";
    }
}
