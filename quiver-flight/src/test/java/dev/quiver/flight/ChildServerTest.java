package dev.quiver.flight;

import dev.quiver.array.ArrayEquality;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchFileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FlightServerMain} in a child process: started on a free port, served, ended by closing its input. */
class ChildServerTest {
    @Test
    void aServerInAChildProcessServesItsDirectoryAndExitsWhenItsInputCloses(@TempDir Path dir) throws Exception {
        RecordBatch b = FlightRpcTest.sample(5);
        try (RecordBatchFileWriter w = Ipc.newFile(dir.resolve("t.arrow"), b.schema())) {
            w.write(b);
        }
        ChildServer child = ChildServer.start(dir, "--token", "s3cret");
        try (FlightClient c = FlightClient.connect(child.uri(), FlightClientOptions.DEFAULT.withBearerToken("s3cret"))) {
            assertTrue(child.uri().startsWith("grpc://127.0.0.1:"), child.uri());
            FlightInfo info = c.getFlightInfo(FlightDescriptor.path("t.arrow"));
            try (FlightStreamReader r = c.doGet(info.endpoints().get(0).ticket())) {
                assertNull(ArrayEquality.compare(b, r.readNext()));
            }
            try (FlightPutWriter w = c.doPut(FlightDescriptor.path("u.arrow"), b.schema())) {
                w.write(b);
            }
            assertEquals(List.of("t.arrow", "u.arrow"), c.listFlights().stream()
                    .map(i -> String.join("/", i.descriptor().path())).toList());
        } finally {
            child.close();
        }
        assertTrue(child.process().waitFor(1, TimeUnit.SECONDS));
        assertEquals(0, child.process().exitValue());
    }
}
