/**
 * IPC metadata: the Flatbuffers tables of {@code format/Schema.fbs}, {@code Message.fbs} and
 * {@code File.fbs}, decoded into records ({@link dev.quiver.metadata.Message},
 * {@link dev.quiver.metadata.Footer}) and encoded from them. Bytes from outside are verified as they are
 * read: every offset and vector lies inside the buffer, nesting depth and counts are bounded.
 *
 * @see <a href="https://github.com/apache/arrow/blob/main/format/Message.fbs">format/Message.fbs</a>
 * @see <a href="https://github.com/apache/arrow/blob/main/format/File.fbs">format/File.fbs</a>
 * @see <a href="https://flatbuffers.dev/internals/">Flatbuffers internals</a>
 */
package dev.quiver.metadata;
