/**
 * The Arrow logical type system: {@link dev.quiver.type.ArrowType}, {@link dev.quiver.type.Field},
 * {@link dev.quiver.type.Schema}.
 *
 * @see <a href="https://arrow.apache.org/docs/format/Columnar.html">Arrow Columnar Format</a>
 * @see <a href="https://github.com/apache/arrow/blob/main/format/Schema.fbs">format/Schema.fbs</a>
 */
package dev.quiver.type;
