package com.alphastocks.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class CpuUseTest {

    @Test
    void theMachineIsBusyForEveryTickThatIsNeitherIdleNorIowait() {
        // user +100, nice 0, system +50, idle +100, iowait +50, irq 0, softirq +10, steal 0: 160 busy of 310
        long[] then = {1_000, 5, 500, 8_000, 200, 0, 40, 0};
        long[] now = {1_100, 5, 550, 8_100, 250, 0, 50, 0};
        assertEquals(new BigDecimal("51.6"), CpuUse.busyShare(then, now));
        assertEquals(BigDecimal.ZERO, CpuUse.busyShare(then, then));
    }

    @Test
    void aProcessIsCountedByTheCpuTimeItAddedOverTheStretchAndOneThatCameLaterIsLeftOut() throws InterruptedException {
        AtomicReference<Map<String, Duration>> times = new AtomicReference<>(Map.of("kafka", Duration.ofSeconds(10)));
        CpuUse use = CpuUse.from(times::get);
        Thread.sleep(200);
        // kafka spent 100 ms in at least 200 ms: at most 50 % of one core; a process started since has no "before"
        times.set(Map.of("kafka", Duration.ofSeconds(10).plusMillis(100), "late", Duration.ofSeconds(1)));
        Map<String, Object> since = use.sinceThen();
        @SuppressWarnings("unchecked")
        Map<String, BigDecimal> byProcess = (Map<String, BigDecimal>) since.get("by_process_pct_of_one_core");
        BigDecimal kafka = byProcess.get("kafka");
        assertTrue(kafka.signum() > 0 && kafka.compareTo(new BigDecimal("50.0")) <= 0, "kafka at " + kafka);
        assertTrue(!byProcess.containsKey("late"), "a process that was not there at the start: " + byProcess);
        assertTrue(byProcess.containsKey(CpuUse.BENCH), "the benchmark's own process is counted: " + byProcess);
        assertEquals(Runtime.getRuntime().availableProcessors(), since.get("cores"));
    }
}
