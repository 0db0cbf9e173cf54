package dev.copilotci.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.TurnResult;
import dev.copilotci.job.JobConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench}: N job-scoped lifecycles (create → sendAndWait → disconnect → delete), C at a time, on one
 * connection, after a short warm-up; prints one JSON line. A lifecycle fails if the answer lacks its token — the
 * benchmark's model echoes the prompt.
 */
final class BenchCommand {
    private static final int WARM_UP = 3;

    private BenchCommand() {
    }

    static int run(RunContext ctx) throws Exception {
        RunnerOptions o = ctx.options();
        if (o.bench().overhead()) {
            return OverheadBench.run(ctx);
        }
        if (o.model() == null) {
            throw new UsageException("--model is required");
        }
        String runId = UUID.randomUUID().toString().substring(0, 8);
        try (JobConnection connection = JobConnection.connect(RunnerJobSettings.of(ctx), ctx::progress)) {
            for (int i = 0; i < WARM_UP; i++) {
                lifecycle(ctx, connection, "bench-" + runId + "-warm-" + i);
            }
            ExecutorService pool = Executors.newFixedThreadPool(o.bench().concurrency());
            List<Future<Long>> runs = new ArrayList<>();
            long wallStart = System.nanoTime();
            try {
                for (int i = 0; i < o.bench().n(); i++) {
                    String id = "bench-" + runId + "-" + i;
                    runs.add(pool.submit(() -> lifecycle(ctx, connection, id)));
                }
                List<Long> millis = new ArrayList<>();
                int failures = 0;
                for (Future<Long> f : runs) {
                    long ms = f.get(o.timeout().toMillis() + 60_000, TimeUnit.MILLISECONDS);
                    if (ms < 0) {
                        failures++;
                    } else {
                        millis.add(ms);
                    }
                }
                long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
                ctx.out().println(resultLine(o, failures, millis, wallMs));
                return failures == 0 ? 0 : 1;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Milliseconds of one lifecycle, or -1 when it failed (reason on stderr). */
    private static long lifecycle(RunContext ctx, JobConnection connection, String id) {
        long start = System.nanoTime();
        String token = "pong-" + id;
        try {
            CopilotSession s = connection.createSession(id);
            TurnResult r = s.sendAndWait("Reply with exactly: " + token);
            s.disconnect();
            connection.deleteSession(id);
            if (!r.content().contains(token)) {
                ctx.progress("lifecycle " + id + ": wrong answer");
                return -1;
            }
            return (System.nanoTime() - start) / 1_000_000;
        } catch (RuntimeException e) {
            ctx.progress("lifecycle " + id + " failed: " + e.getMessage());
            return -1;
        }
    }

    static String resultLine(RunnerOptions o, int failures, List<Long> millis, long wallMs) throws Exception {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("client", "java");
        line.put("n", o.bench().n());
        line.put("conc", o.bench().concurrency());
        line.put("failures", failures);
        line.put("median_ms", percentile(sorted, 50));
        line.put("p90_ms", percentile(sorted, 90));
        line.put("max_ms", sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
        line.put("wall_ms", wallMs);
        line.put("per_s", wallMs == 0 ? 0 : Math.round(sorted.size() * 1000.0 / wallMs * 100) / 100.0);
        return new ObjectMapper().writeValueAsString(line);
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }
}
