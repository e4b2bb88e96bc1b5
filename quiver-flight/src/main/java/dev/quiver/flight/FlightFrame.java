package dev.quiver.flight;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * One {@code FlightData} message on the wire, in the form each direction needs: what is sent is a list of
 * memory parts that {@link FlightDataCodec} frames by hand (no protobuf object, no copy into a ByteString); what is
 * received is the fields parsed by hand, the body in memory of its own.
 */
sealed interface FlightFrame {

    /**
     * A message to send. The parts are read when gRPC serializes the message, inside the call that sends it.
     *
     * @param descriptor the encoded FlightDescriptor, or null
     * @param header     the IPC metadata (flatbuffer Message), or null for a message without data
     * @param appMetadata application metadata, or null
     * @param body       the IPC body's parts in order (empty for none)
     * @param bodyLength bytes in {@code body}
     */
    record Outgoing(byte[] descriptor, MemorySegment header, byte[] appMetadata, List<MemorySegment> body,
                    long bodyLength) implements FlightFrame {
        public Outgoing {
            body = List.copyOf(body);
        }
    }

    /**
     * A message received. The body (when there is one) lives in {@code bodyArena}, which whoever takes the frame
     * must close or hand on; {@code error} is set instead of the fields when the message could not be parsed.
     *
     * @param descriptor  the descriptor, or null
     * @param header      the IPC metadata, or null when the message has none
     * @param appMetadata application metadata, or null
     * @param body        the IPC body (empty when none)
     * @param bodyArena   the memory of the body, or null
     * @param wireSize    bytes of the message on the wire
     * @param error       why the message is malformed, or null
     */
    record Incoming(FlightDescriptor descriptor, MemorySegment header, byte[] appMetadata, MemorySegment body,
                    Arena bodyArena, long wireSize, RuntimeException error) implements FlightFrame {

        static Incoming failed(RuntimeException error, long wireSize) {
            return new Incoming(null, null, null, MemorySegment.NULL, null, wireSize, error);
        }

        /** Releases the body's memory (frames dropped without being decoded). */
        void discard() {
            if (bodyArena != null && bodyArena.scope().isAlive()) bodyArena.close();
        }
    }
}
