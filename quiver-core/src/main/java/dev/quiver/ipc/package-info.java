/**
 * The Arrow IPC stream and file formats. {@link dev.quiver.ipc.Ipc} opens readers and writers; readers and
 * writers own the channels, while the stages below them are pure transforms over memory: framing
 * ({@code MessageFraming}), metadata verification and decoding ({@code dev.quiver.metadata}, internal), message order
 * ({@code StreamState}), the record batch decoder (with {@code ByteSwap} for big-endian data) and encoder, and
 * validation ({@link dev.quiver.validate}). {@link dev.quiver.ipc.StreamDecoder} decodes a stream from bytes
 * pushed in chunks; {@link dev.quiver.ipc.RecordBatchStreamReader} is a pull loop over it.
 * {@link dev.quiver.ipc.Recovery} salvages the valid batches of a damaged file or stream with the same stages
 * ({@code RecoveryScanner}, pure) and reports every byte range kept or lost ({@link dev.quiver.ipc.RecoveryReport}).
 *
 * @see <a href="https://arrow.apache.org/docs/format/Columnar.html#serialization-and-interprocess-communication-ipc">Arrow IPC</a>
 */
package dev.quiver.ipc;
