package dev.quiver.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks every recovery report must pass. */
final class RecoveryReportAssert {
    private RecoveryReportAssert() {}

    /** The report is complete and its parts cover the input from byte 0 to its size, in order, none empty. */
    static void tiles(RecoveryReport report) {
        assertTrue(report.complete(), () -> "the report is complete: " + report);
        long at = 0;
        for (RecoveryReport.Part p : report.parts()) {
            assertEquals(at, p.offset(), () -> "parts are consecutive: " + report);
            assertTrue(p.length() > 0, () -> "no empty part: " + report);
            at = p.end();
        }
        assertEquals(report.size(), at, () -> "the parts reach the end of the input: " + report);
    }
}
