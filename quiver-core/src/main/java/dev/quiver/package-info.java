/**
 * Quiver: the Apache Arrow IPC stream and file formats for Java 22+.
 *
 * <p>Entry points: {@link dev.quiver.ipc.Ipc} to read and write, {@link dev.quiver.array.RecordBatch} for data,
 * {@link dev.quiver.type.Schema} for types. Every error caused by bad input is a {@link dev.quiver.QuiverException}.
 *
 * @see <a href="https://arrow.apache.org/docs/format/Columnar.html">Arrow Columnar Format</a>
 */
package dev.quiver;
