package dev.quiver.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Says at the end of a test run how many tests did not run because the shared Arrow test data was missing, and how
 * to point at it ({@link TestData#root()} skips them with a message starting {@value #MARK}). Registered for the
 * JUnit launcher in {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener} of this test jar, so
 * every module whose tests use {@link TestData} prints it, once, after its tests (surefire shows what the test JVM
 * writes to standard error outside a test). Silent when every test ran.
 */
public final class MissingDataReport implements TestExecutionListener {
    static final String MARK = "Arrow test data not found";

    private final AtomicInteger skipped = new AtomicInteger();
    private volatile String message;

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() != TestExecutionResult.Status.ABORTED) return;
        Throwable t = result.getThrowable().orElse(null);
        if (t == null || t.getMessage() == null || !t.getMessage().startsWith(MARK)) return;
        if (test.isTest()) skipped.incrementAndGet();
        message = t.getMessage();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        int n = skipped.get();
        if (n == 0 && message == null) return;
        System.err.println(warning(n, message));
        System.err.flush();
    }

    /** The warning for {@code n} tests that did not run (a whole class aborted counts as none of its tests). */
    static String warning(int n, String message) {
        String line = "=".repeat(100);
        return line + "\nWARNING: " + n + " gold test" + (n == 1 ? "" : "s") + " did not run. " + message
                + ".\n(Under CI=true a missing checkout fails the build instead.)\n" + line;
    }
}
