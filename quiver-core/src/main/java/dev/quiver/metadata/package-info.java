/**
 * IPC metadata: the Flatbuffers tables of {@code format/Schema.fbs}, {@code Message.fbs} and
 * {@code File.fbs}, decoded into records ({@link dev.quiver.metadata.Message},
 * {@link dev.quiver.metadata.Footer}, {@link dev.quiver.type.Schema}) and encoded from them by
 * {@link dev.quiver.metadata.MessageCodec}, {@link dev.quiver.metadata.FooterCodec} and
 * {@link dev.quiver.metadata.SchemaCodec}.
 *
 * <p>The Flatbuffers code is hand-written (no generated code, no Flatbuffers library). Bytes from outside
 * are verified as they are read, as the Flatbuffers verifier does: every offset, vtable, vector and string
 * lies inside the buffer, scalars are aligned to their size, strings are NUL-terminated UTF-8, union tags
 * are known; field nesting depth and the number of tables visited are bounded. Failures are
 * {@link dev.quiver.QuiverException}s with the absolute byte offset and, inside a schema, the field path.
 * The writer produces the bytes of Arrow C++'s writer: the reference Flatbuffers builder's algorithm (back to
 * front, scalars aligned to their size, defaults omitted, equal vtables shared, the buffer padded to its largest
 * alignment) driven in the order of Arrow C++'s {@code metadata_internal.cc} and of the flatc-generated
 * {@code CreateX} functions (fields added largest first, last declared first among equals).
 *
 * @see <a href="https://github.com/apache/arrow/blob/main/format/Schema.fbs">format/Schema.fbs</a>
 * @see <a href="https://github.com/apache/arrow/blob/main/format/Message.fbs">format/Message.fbs</a>
 * @see <a href="https://github.com/apache/arrow/blob/main/format/File.fbs">format/File.fbs</a>
 * @see <a href="https://flatbuffers.dev/internals/">Flatbuffers internals</a>
 */
package dev.quiver.metadata;
