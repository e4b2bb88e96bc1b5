/**
 * The Arrow IPC stream and file formats. {@link dev.quiver.ipc.Ipc} opens readers and writers; readers and
 * writers own the channels, while the stages below them are pure transforms over memory: framing
 * ({@code MessageReader}), metadata verification and decoding ({@link dev.quiver.metadata}), the record batch
 * decoder and encoder, and validation ({@link dev.quiver.validate}).
 *
 * @see <a href="https://arrow.apache.org/docs/format/Columnar.html#serialization-and-interprocess-communication-ipc">Arrow IPC</a>
 */
package dev.quiver.ipc;
