package dev.quiver.flight;

import dev.quiver.flight.proto.FlightProtos;
import dev.quiver.ipc.IpcWriteOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * The writer of a client's DoPut: a {@link FlightStreamWriter} (begun with the schema given to
 * {@link FlightClient#doPut}) that also reads the server's acknowledgements. Acknowledgements are received as they
 * come, whether or not they are read, so a server that acknowledges every batch never waits for this client;
 * {@link #readAck()} returns them in order. {@link #close()} ends the upload and waits for the server to finish it,
 * throwing the server's error if it refused the upload.
 */
public final class FlightPutWriter extends FlightStreamWriter {
    private final ClientStream<FlightFrame, FlightProtos.PutResult> call;
    private boolean closed;

    FlightPutWriter(ClientStream<FlightFrame, FlightProtos.PutResult> call, byte[] descriptor, IpcWriteOptions options) {
        super(call, descriptor, options);
        this.call = call;
    }

    /**
     * The next acknowledgement, waiting for it; null once the server has finished and every acknowledgement was
     * read.
     *
     * @throws FlightException if the server failed the upload (after the acknowledgements sent before)
     */
    public PutResult readAck() {
        FlightProtos.PutResult r = call.inbound.take();
        return r == null ? null : new PutResult(r.getAppMetadata().toByteArray());
    }

    /** Ends the upload, waits for the server to finish it, and returns the acknowledgements not read yet. */
    public List<PutResult> finish() {
        doneWriting();
        List<PutResult> acks = new ArrayList<>();
        for (PutResult a; (a = readAck()) != null; ) acks.add(a);
        call.awaitClose();
        return acks;
    }

    /** Cancels the upload: the server sees the call cancelled and keeps nothing of it. */
    public void cancel() {
        closed = true;
        call.cancel("upload cancelled by the client");
    }

    /**
     * Ends the upload and waits for the server to finish it ({@link #finish()}, dropping the acknowledgements not
     * read).
     *
     * @throws FlightException if the server failed the upload
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        finish();
    }
}
