package dev.quiver.flight;

import dev.quiver.array.RecordBatch;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graceful shutdown: calls in flight finish within the grace period, or are cancelled at its end. */
class ShutdownTest {

    /** Sends one batch, then waits {@code ms} (until cancelled) before sending a second. */
    static final class SlowProducer implements FlightProducer {
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicBoolean sawCancel = new AtomicBoolean();
        final long ms;

        SlowProducer(long ms) {
            this.ms = ms;
        }

        @Override
        public void doGet(CallContext context, Ticket ticket, FlightStreamWriter out) {
            RecordBatch b = FlightRpcTest.sample(0);
            out.begin(b.schema());
            out.write(b);
            started.countDown();
            long until = System.nanoTime() + ms * 1_000_000;
            while (System.nanoTime() < until) {
                if (context.isCancelled()) {
                    sawCancel.set(true);
                    return;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
            out.write(b);
        }
    }

    @Test
    void aCallInFlightFinishesWithinTheGracePeriodAndNewCallsAreRefused() throws Exception {
        SlowProducer p = new SlowProducer(300);
        FlightServer s = FlightServer.builder(p).start();
        try (FlightClient c = FlightClient.connect(s.location().uri())) {
            CompletableFuture<Long> rows = CompletableFuture.supplyAsync(() -> {
                try (FlightStreamReader r = c.doGet(Ticket.of("x"))) {
                    return r.readAll().numRows();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertTrue(p.started.await(30, TimeUnit.SECONDS));
            assertTrue(s.shutdown(Duration.ofSeconds(20)), "the call ended by itself");
            assertEquals(6, rows.get(30, TimeUnit.SECONDS));
            assertTrue(s.isTerminated());
            FlightException e = assertThrows(FlightException.class, c::listActions);
            assertEquals(FlightStatusCode.UNAVAILABLE, e.code());
        }
    }

    @Test
    void aCallLongerThanTheGracePeriodIsCancelled() throws Exception {
        SlowProducer p = new SlowProducer(60_000);
        FlightServer s = FlightServer.builder(p).start();
        try (FlightClient c = FlightClient.connect(s.location().uri())) {
            FlightStreamReader r = c.doGet(Ticket.of("x"));
            r.readNext();
            assertTrue(p.started.await(30, TimeUnit.SECONDS));
            long start = System.nanoTime();
            assertFalse(s.shutdown(Duration.ofMillis(300)), "the call had to be cancelled");
            assertTrue(System.nanoTime() - start < 10_000_000_000L, "shutdown took " + (System.nanoTime() - start) / 1e9 + " s");
            assertTrue(s.isTerminated());
            FlightException e = assertThrows(FlightException.class, r::readNext);
            assertTrue(List.of(FlightStatusCode.CANCELLED, FlightStatusCode.UNAVAILABLE).contains(e.code()), e.toString());
            r.close();
            long wait = System.nanoTime() + 5_000_000_000L;
            while (!p.sawCancel.get() && System.nanoTime() < wait) Thread.sleep(10);
            assertTrue(p.sawCancel.get(), "the producer saw the cancellation");
        }
    }
}
