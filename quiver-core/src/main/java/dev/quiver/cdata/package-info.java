/**
 * The Arrow C Data Interface and C Stream Interface over {@code java.lang.foreign}: {@link dev.quiver.cdata.CData}
 * exports Quiver schemas, arrays, batches and readers into {@code ArrowSchema}, {@code ArrowArray} and
 * {@code ArrowArrayStream} structures and imports them from other libraries in the same process, without copying
 * buffers; {@link dev.quiver.cdata.CDataFormat} is the format-string codec and {@link dev.quiver.cdata.CStructs} the
 * structure layouts.
 */
package dev.quiver.cdata;
