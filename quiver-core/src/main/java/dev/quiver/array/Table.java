package dev.quiver.array;

import dev.quiver.type.Schema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * @param schema  the table's schema
     * @param batches the batches, in order
     * @return the table
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

    /**
     * A table of one or more batches, with the first one's schema.
     *
     * @param batches the batches
     * @return the table
     * @throws IllegalArgumentException if there are none (use {@link #of(Schema, List)}) or their fields differ
     */
    public static Table of(RecordBatch... batches) {
        if (batches.length == 0) throw new IllegalArgumentException("no batches: give the schema, Table.of(schema, List.of())");
        return of(batches[0].schema(), List.of(batches));
    }

    /**
     * A table of one batch from named columns, as PyArrow's {@code pa.table({...})}: the columns as
     * {@link RecordBatch#of(Map)} takes them (arrays, Lists of Java values with inferred types, primitive arrays).
     *
     * @param columns the columns by name
     * @return the table
     * @throws IllegalArgumentException as {@link RecordBatch#of(Map)}
     */
    public static Table of(Map<String, ?> columns) {
        RecordBatch b = RecordBatch.of(columns);
        return of(b.schema(), List.of(b));
    }

    /**
     * The tables' batches one after the other, as PyArrow's {@code pa.concat_tables}: zero-copy, the result shares
     * the batches (closing it closes them). The schema is the first table's.
     *
     * @param tables the tables, at least one
     * @return the concatenation
     * @throws IllegalArgumentException if there are no tables or their fields differ (the message names the first
     *                                  table that differs)
     */
    public static Table concat(List<Table> tables) {
        if (tables.isEmpty()) throw new IllegalArgumentException("no tables to concatenate");
        Schema schema = tables.get(0).schema();
        List<RecordBatch> all = new ArrayList<>();
        for (int t = 0; t < tables.size(); t++) {
            Table table = tables.get(t);
            if (!table.schema().fields().equals(schema.fields())) {
                throw new IllegalArgumentException("table " + t + " has fields " + table.schema().fields()
                        + ", table 0 " + schema.fields());
            }
            all.addAll(table.batches);
        }
        return new Table(schema, List.copyOf(all));
    }

    /**
     * Returns the schema.
     *
     * @return the schema
     */
    public Schema schema() { return schema; }

    /**
     * Returns the batches, in order (unmodifiable).
     *
     * @return the batches, in order (unmodifiable)
     */
    public List<RecordBatch> batches() { return batches; }

    /**
     * Returns the number of batches.
     *
     * @return the number of batches
     */
    public int numBatches() { return batches.size(); }

    /**
     * Returns batch {@code i}.
     *
     * @param i the batch's position
     * @return batch {@code i}
     */
    public RecordBatch batch(int i) { return batches.get(i); }

    /**
     * Returns the number of rows over all batches.
     *
     * @return the number of rows over all batches
     */
    public long numRows() {
        long n = 0;
        for (RecordBatch b : batches) n += b.numRows();
        return n;
    }

    /**
     * Returns the number of columns.
     *
     * @return the number of columns
     */
    public int numColumns() { return schema.fields().size(); }

    /**
     * Column {@code i} across the batches, zero-copy.
     *
     * @param i the column's position
     * @return the column's arrays in each batch
     */
    public ChunkedArray column(int i) {
        List<Array> chunks = new ArrayList<>(batches.size());
        for (RecordBatch b : batches) chunks.add(b.column(i));
        return ChunkedArray.of(schema.field(i), chunks);
    }

    /**
     * The first column named {@code name} across the batches, zero-copy.
     *
     * @param name the column's name
     * @return the column's arrays in each batch
     * @throws IllegalArgumentException if there is no such column
     */
    public ChunkedArray column(String name) {
        int i = schema.indexOf(name);
        if (i < 0) {
            List<String> names = new ArrayList<>();
            for (dev.quiver.type.Field f : schema.fields()) names.add(f.name());
            throw new IllegalArgumentException("no column named '" + name + "' (columns " + names + ")");
        }
        return column(i);
    }

    /**
     * Rows {@code [offset, offset + length)} over all batches, zero-copy: slices of the batches they touch, which
     * borrow those batches' memory ({@link RecordBatch#slice(int, int)}).
     *
     * @param offset the first row
     * @param length the number of rows
     * @return the slice
     * @throws IndexOutOfBoundsException if the range is not inside {@code [0, numRows())}
     */
    public Table slice(long offset, long length) {
        Objects.checkFromIndexSize(offset, length, numRows());
        List<RecordBatch> out = new ArrayList<>();
        long start = 0;
        long end = offset + length;
        for (RecordBatch b : batches) {
            long from = Math.max(offset, start);
            long to = Math.min(end, start + b.numRows());
            if (from < to) out.add(b.slice((int) (from - start), (int) (to - from)));
            start += b.numRows();
        }
        return new Table(schema, List.copyOf(out));
    }

    /**
     * Every row as a Map from column name to {@link Array#getObject} value, as PyArrow's {@code to_pylist()}: for
     * small data.
     *
     * @return the rows, in order
     */
    public List<Map<String, Object>> toList() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RecordBatch b : batches) rows.addAll(b.toList());
        return rows;
    }

    /**
     * Every column's values by column name, in column order, as PyArrow's {@code to_pydict()}: for small data.
     *
     * @return the values by column name
     */
    public Map<String, List<Object>> toMap() {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (int c = 0; c < numColumns(); c++) out.put(schema.field(c).name(), column(c).toList());
        return out;
    }

    @Override
    public Iterator<RecordBatch> iterator() { return batches.iterator(); }

    /** Closes every batch (also those other tables share, see {@link #concat(List)}). */
    @Override
    public void close() {
        for (RecordBatch b : batches) b.close();
    }

    @Override
    public String toString() {
        return "Table(" + numRows() + " rows in " + batches.size() + (batches.size() == 1 ? " batch" : " batches") + ")";
    }
}
