/**
 * Arrays: {@link dev.quiver.array.ArrayData} holds the buffers of one array as the columnar format lays them out
 * ({@link dev.quiver.array.Layout}); {@link dev.quiver.array.Array#of} gives a typed, zero-copy view
 * ({@code Int32Array}, {@code Utf8Array}, {@code StructArray}, ...); {@link dev.quiver.array.Arrow} and the
 * builders make arrays from Java values (types inferred, as PyArrow's {@code pa.array}, or from a field), from
 * primitive Java arrays, or over existing memory; {@link dev.quiver.array.RecordBatch} groups equal-length columns
 * under a schema, with typed access by name ({@code batch.int64("id")}); {@link dev.quiver.array.Table} is a schema
 * and a list of batches, whose columns are {@link dev.quiver.array.ChunkedArray}s;
 * {@link dev.quiver.array.ArrayEquality} compares arrays logically. The Java value of each Arrow type is tabled in
 * {@link dev.quiver.array.Array#getObject(int)}.
 *
 * @see <a href="https://arrow.apache.org/docs/format/Columnar.html">Arrow Columnar Format</a>
 */
package dev.quiver.array;
