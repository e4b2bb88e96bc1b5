/**
 * The Arrow integration-testing JSON format: the human-readable {@code .json} / {@code .json.gz} files that
 * Arrow implementations use to cross-check each other (the "gold" files of apache/arrow-testing).
 *
 * <p>{@link dev.quiver.json.IntegrationJson} reads such a file into a {@link dev.quiver.json.JsonFile} (the
 * schema, the dictionaries and the record batches as {@link dev.quiver.array.ArrayData}) and writes one back
 * in the layout the gold files use. {@link dev.quiver.json.JsonParser} and {@link dev.quiver.json.JsonWriter}
 * are the small dependency-free JSON reader and pretty writer underneath; numbers keep their exact text, so
 * 64-bit integers and decimals are never rounded through {@code double}.
 *
 * @see <a href="https://arrow.apache.org/docs/format/Integration.html#json-test-data-format">JSON test data format</a>
 * @see <a href="https://arrow.apache.org/docs/format/Columnar.html">Arrow Columnar Format</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8259">RFC 8259: JSON</a>
 */
package dev.quiver.json;
