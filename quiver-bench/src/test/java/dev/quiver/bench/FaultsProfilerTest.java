package dev.quiver.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FaultsProfiler's reading of /proc/stat and of the cores other processes used (parsing, not timing). */
class FaultsProfilerTest {

    @Test
    void aProcStatWithoutAUsableCpuLineIsRefusedSayingWhy() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> FaultsProfiler.parseMachine("cpu0 1 2 3 4 5 6 7 8\nintr 5\n"));
        assertTrue(none.getMessage().contains("/proc/stat: no cpu line"), none.getMessage());
        IllegalArgumentException shortLine = assertThrows(IllegalArgumentException.class,
                () -> FaultsProfiler.parseMachine("cpu  1 2 3 4\n"));
        assertTrue(shortLine.getMessage().contains("short cpu line"), shortLine.getMessage());
    }

    @Test
    void busyIsUserNiceSystemIrqSoftirqAndStealIsItsOwnField() {
        // cpu user nice system idle iowait irq softirq steal guest guest_nice
        FaultsProfiler.Machine m = FaultsProfiler.parseMachine(
                "cpu  100 2 30 5000 7 4 6 9 0 0\ncpu0 50 1 15 2500 3 2 3 4 0 0\n");
        assertEquals(100 + 2 + 30 + 4 + 6, m.busyTicks());
        assertEquals(9, m.stealTicks());
    }

    @Test
    void otherCoresAreTheMachinesBusyTimeLessThisProcesssPerSecondOfWallTime() {
        FaultsProfiler.Machine before = new FaultsProfiler.Machine(1_000, 0);
        // 2 s of wall time, the machine busy for 300 ticks (3 s of CPU), 100 of them the fork's: others 2 s in 2 s
        FaultsProfiler.Machine after = new FaultsProfiler.Machine(1_300, 0);
        assertEquals(1.0, FaultsProfiler.otherCores(before, after, 100, 2_000_000_000L), 1e-9);
        // the fork's own time read a little later than the machine's can exceed it: never below zero
        assertEquals(0.0, FaultsProfiler.otherCores(before, new FaultsProfiler.Machine(1_050, 0), 60, 1_000_000_000L));
    }
}
