package dev.copilotci.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The warm-up runs our real JSON-RPC path over loopback, completes, and leaves nothing running. */
@Timeout(30)
class EngineWarmupTest {

    @Test
    void completesTheLoopbackRoundTripAndParsesEveryEvent() {
        assertTrue(EngineWarmup.run(), "the loopback request was answered and every turn event parsed");
    }

    @Test
    void backgroundWarmupEndsAndLeavesNoEngineThreads() throws Exception {
        Thread t = EngineWarmup.start();
        assertTrue(t.isDaemon(), "never keeps a JVM alive");
        t.join(10_000);
        assertFalse(t.isAlive(), "bounded");
        for (Thread other : Thread.getAllStackTraces().keySet()) {
            if (other.getName().startsWith("copilot-warmup")) {
                other.join(5_000); // executor threads leave run() shortly after their shutdown
            }
        }
        List<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith("copilot-warmup")).toList();
        assertEquals(List.of(), left);
    }
}
