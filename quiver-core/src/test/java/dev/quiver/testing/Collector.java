package dev.quiver.testing;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** For tests of what the garbage collector reclaims. */
public final class Collector {
    private Collector() {}

    /** Runs the collector until {@code done} holds, for at most ten seconds; fails the test with {@code what} else. */
    public static void collectUntil(BooleanSupplier done, String what) throws InterruptedException {
        for (int i = 0; i < 200 && !done.getAsBoolean(); i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertTrue(done.getAsBoolean(), what);
    }

    /**
     * Runs the collector until {@code measure} (memory held, say) stops changing, so that a test's own
     * allocations are not confused with garbage left by earlier tests; returns the settled value.
     */
    public static long settle(LongSupplier measure) throws InterruptedException {
        long last = measure.getAsLong();
        for (int quiet = 0, i = 0; quiet < 3 && i < 100; i++) {
            System.gc();
            Thread.sleep(20);
            long now = measure.getAsLong();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
        return last;
    }
}
