package dev.quiver.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void busyIsUserNiceSystemAndStealIsItsOwnField() {
        // cpu user nice system idle iowait irq softirq steal guest guest_nice
        FaultsProfiler.Machine m = FaultsProfiler.parseMachine(
                "cpu  100 2 30 5000 7 4 6 9 0 0\ncpu0 50 1 15 2500 3 2 3 4 0 0\n");
        assertEquals(100 + 2 + 30, m.busyTicks());
        assertEquals(9, m.stealTicks());
    }

    @Test
    void aProcessStatWithTooFewFieldsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FaultsProfiler.parseProc("42 (java) S 1 42 42"));
        assertTrue(e.getMessage().contains("too few fields"), e.getMessage());
    }

    @Test
    void aProcessIsItsParentItsTicksWithReapedChildrenAndWhetherItIsAKernelThread() {
        // a command name with spaces and a parenthesis; utime 7, stime 3, cutime 20, cstime 5; flags 0x400000
        FaultsProfiler.Proc p = FaultsProfiler.parseProc(
                "42 (my (odd) cmd) S 17 42 42 0 -1 4194304 100 0 2 0 7 3 20 5 20 0 1 0 100 1000 10");
        assertEquals(17, p.ppid());
        assertEquals(35, p.ticks());
        assertFalse(p.kernel());
        // kthreadd's child: flags with PF_KTHREAD (0x200000)
        assertTrue(FaultsProfiler.parseProc("99 (kworker/u8:2-writeback) I 2 0 0 0 -1 69238880 0 0 0 0 0 40 0 0 20 0 1 0 5 0 0").kernel());
    }

    @Test
    void otherCoresAreTheMachinesTimeLessThisProcessItsDescendantsAndKernelThreads() {
        Map<Long, FaultsProfiler.Proc> before = Map.of(
                10L, new FaultsProfiler.Proc(1, 1_000, false),   // this fork
                11L, new FaultsProfiler.Proc(10, 500, false),    // its Flight server
                20L, new FaultsProfiler.Proc(1, 300, false),     // another session's JVM
                30L, new FaultsProfiler.Proc(2, 50, true));      // a kernel thread
        Map<Long, FaultsProfiler.Proc> after = Map.of(
                10L, new FaultsProfiler.Proc(1, 1_200, false),   // +200
                11L, new FaultsProfiler.Proc(10, 650, false),    // +150
                12L, new FaultsProfiler.Proc(11, 40, false),     // the server's child, started in the interval: 40
                20L, new FaultsProfiler.Proc(1, 400, false),
                30L, new FaultsProfiler.Proc(2, 90, true));      // +40
        // the machine: 550 ticks in 1 s; this fork's tree 390 and the kernel thread 40: others 120 ticks, 1.2 cores
        // (the other JVM's 100 and 20 of a process that ended in the interval, which only /proc/stat still holds)
        FaultsProfiler.Machine m0 = new FaultsProfiler.Machine(10_000, 0);
        FaultsProfiler.Machine m1 = new FaultsProfiler.Machine(10_550, 0);
        assertEquals(1.2, FaultsProfiler.otherCores(m0, m1, before, after, 10, 1_000_000_000L), 1e-9);
        // alone on the machine (its time all this fork's): nothing, and never below zero
        assertEquals(0.0, FaultsProfiler.otherCores(m0, new FaultsProfiler.Machine(10_390, 0), before, after, 10,
                1_000_000_000L));
    }
}
