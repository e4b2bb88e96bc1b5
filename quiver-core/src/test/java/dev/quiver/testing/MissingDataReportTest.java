package dev.quiver.testing;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Without the shared data, a run prints one warning at its end with the number of gold tests that did not run and
 * how to point at the data: the JUnit launcher run in a child JVM (on three gold tests and one other), with the
 * listener found through {@code META-INF/services} as surefire's launcher finds it.
 */
class MissingDataReportTest {
    /** Three tests that need the data and one that does not (inner: surefire never runs it by itself). */
    static class GoldProbe {
        @Test void one() { TestData.root(); }
        @Test void two() { TestData.root(); }
        @Test void three() { TestData.root(); }
        @Test void other() { }
    }

    /** The child JVM: runs {@link GoldProbe} with the launcher's own listener discovery. */
    public static void main(String[] args) {
        Launcher launcher = LauncherFactory.create();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(GoldProbe.class)).build();
        launcher.execute(request);
        System.out.println("ran");
    }

    @Test
    void aRunWithoutTheDataEndsWithOneWarningCountingTheTestsThatDidNotRun() {
        List<String> cmd = new java.util.ArrayList<>(ChildProcess.command(MissingDataReportTest.class.getName()));
        cmd.add(1, "-Dquiver.arrow.testing.dir=/nonexistent/arrow-testing");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("CI"); // under CI the tests fail instead of skipping
        ChildProcess.Result r = ChildProcess.run(pb, new byte[0]);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("ran\n", r.outText());
        String out = r.err();
        assertTrue(out.contains("WARNING: 3 gold tests did not run. Arrow test data not found at "
                + "/nonexistent/arrow-testing: set -Dquiver.arrow.testing.dir=DIR or QUIVER_ARROW_TESTING=DIR"), out);
        assertEquals(1, out.split("WARNING:", -1).length - 1, "one warning: " + out);
        List<String> lines = out.lines().toList();
        int warning = lines.indexOf(lines.stream().filter(l -> l.startsWith("WARNING:")).findFirst().orElseThrow());
        assertTrue(lines.get(warning - 1).startsWith("====="), out);
    }

    @Test
    void theWarningSaysOneTestInTheSingular() {
        assertTrue(MissingDataReport.warning(1, "x").contains("WARNING: 1 gold test did not run. x."));
        assertFalse(MissingDataReport.warning(2, "x").contains("1 gold test "));
    }
}
