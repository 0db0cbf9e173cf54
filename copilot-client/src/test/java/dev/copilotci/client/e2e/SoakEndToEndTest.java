package dev.copilotci.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.client.CliLaunchOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.TurnResult;
import dev.copilotci.offline.ScriptedResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1000 job-scoped lifecycles (create → prompt → disconnect → delete), 8 at a time, on one client and one real CLI:
 * threads, file descriptors, child processes and heap must stay flat. Figures go to target/soak-report.json
 * (RELIABILITY.md quotes a run).
 */
@Timeout(900)
class SoakEndToEndTest {
    private static final int[] CHECKPOINTS = {100, 500, 1000};

    @Test
    void aThousandLifecyclesLeaveThreadsDescriptorsProcessesAndHeapFlat() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.retainOnly(10).respondWith(r -> ScriptedResponse.text("pong " + r.lastUserPrompt()));
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            AtomicInteger failures = new AtomicInteger();
            List<Map<String, Object>> figures = new ArrayList<>();
            long start = System.nanoTime();
            try {
                int done = 0;
                for (int checkpoint : CHECKPOINTS) {
                    List<Callable<Void>> batch = new ArrayList<>();
                    for (int i = done; i < checkpoint; i++) {
                        String id = "soak-" + i;
                        batch.add(() -> {
                            if (!lifecycle(client, world, id)) {
                                failures.incrementAndGet();
                            }
                            return null;
                        });
                    }
                    for (Future<Void> f : pool.invokeAll(batch, 600, TimeUnit.SECONDS)) {
                        f.get();
                    }
                    done = checkpoint;
                    figures.add(measure(done, (System.nanoTime() - start) / 1_000_000));
                }
            } finally {
                pool.shutdownNow();
            }
            Path report = Path.of("target", "soak-report.json");
            Files.createDirectories(report.getParent());
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(report.toFile(),
                    Map.of("failures", failures.get(), "checkpoints", figures));

            assertEquals(0, failures.get(), "lifecycles failed: " + figures);
            Map<String, Object> first = figures.get(0);
            Map<String, Object> last = figures.get(figures.size() - 1);
            assertTrue(num(last, "threads") <= num(first, "threads") + 2, "threads grew: " + figures);
            assertTrue(num(last, "fds") <= num(first, "fds") + 8, "file descriptors grew: " + figures);
            assertEquals(num(first, "childProcesses"), num(last, "childProcesses"), "child processes: " + figures);
            assertTrue(num(last, "heapMiB") <= num(first, "heapMiB") + 24, "heap grew: " + figures);
            assertEquals(1000, world.provider.chatRequestCount(), "one model call per lifecycle");
        }
    }

    private static boolean lifecycle(CopilotClient client, RealCli world, String id) {
        try {
            CopilotSession s = client.createSession(world.session(id).streaming(false).build());
            TurnResult r = s.sendAndWait("ping " + id);
            s.disconnect();
            client.deleteSession(id);
            return r.content().endsWith("ping " + id);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Map<String, Object> measure(int lifecycles, long elapsedMs) throws IOException {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lifecycles", lifecycles);
        m.put("elapsedMs", elapsedMs);
        m.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            m.put("fds", fds.count());
        }
        m.put("childProcesses", ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count());
        m.put("heapMiB", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024));
        return m;
    }

    private static long num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }
}
