/**
 * Arrays: {@link dev.quiver.array.ArrayData} holds the buffers of one array as the columnar format lays them out
 * ({@link dev.quiver.array.Layout}); {@link dev.quiver.array.Array#of} gives a typed, zero-copy view
 * ({@code Int32Array}, {@code Utf8Array}, {@code StructArray}, ...); {@link dev.quiver.array.Arrow} and the
 * builders make arrays from Java values; {@link dev.quiver.array.RecordBatch} groups equal-length columns under a
 * schema; {@link dev.quiver.array.ArrayEquality} compares arrays logically.
 *
 * @see <a href="https://arrow.apache.org/docs/format/Columnar.html">Arrow Columnar Format</a>
 */
package dev.quiver.array;
