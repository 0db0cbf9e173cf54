package dev.copilotci.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.client.CliUrl;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.job.ServerProbe;
import dev.copilotci.offline.RawJsonRpc;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench --overhead}: what the engine adds per request. The same server answers {@code ping} to a bare socket
 * client (hand-made frames, no threads) and to the engine, alternately, N times each; prints the medians in µs.
 */
final class OverheadBench {
    private static final int WARM_UP = 50;
    /** To connect and for each ping, on both sides: far above a ping's sub-millisecond answer. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private OverheadBench() {
    }

    static int run(RunContext ctx) throws Exception {
        RunnerOptions o = ctx.options();
        if (o.cliUrls().isEmpty()) {
            throw new UsageException("bench --overhead needs --cli-url HOST:PORT of a running server");
        }
        CliUrl url = CliUrl.parse(o.cliUrls().get(0));
        String token = ctx.env().get("COPILOT_CONNECTION_TOKEN");
        ObjectMapper json = new ObjectMapper();
        int n = Math.max(o.bench().n(), 100);
        List<Long> raw = new ArrayList<>();
        List<Long> engine = new ArrayList<>();
        try (Socket socket = new Socket();
             CopilotClient client = new ServerProbe(token, TIMEOUT).connect(o.cliUrls())) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(url.host(), url.port()), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            int[] id = {0};
            if (token != null) {
                rawCall(json, out, in, id, "connect", Map.of("token", token));
            }
            for (int i = 0; i < WARM_UP + n; i++) {
                long t0 = System.nanoTime();
                rawCall(json, out, in, id, "ping", Map.of());
                long t1 = System.nanoTime();
                client.ping();
                long t2 = System.nanoTime();
                if (i >= WARM_UP) {
                    raw.add((t1 - t0) / 1000);
                    engine.add((t2 - t1) / 1000);
                }
            }
        }
        Collections.sort(raw);
        Collections.sort(engine);
        long rawMedian = raw.get(raw.size() / 2);
        long engineMedian = engine.get(engine.size() / 2);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("client", "java");
        line.put("mode", "overhead");
        line.put("n", n);
        line.put("raw_median_us", rawMedian);
        line.put("engine_median_us", engineMedian);
        line.put("overhead_us", engineMedian - rawMedian);
        ctx.out().println(json.writeValueAsString(line));
        return 0;
    }

    /**
     * The baseline: the least a client can do (one Content-Length frame out, frames read until the answer), with
     * {@link RawJsonRpc} rather than the engine's framing so the comparison measures the engine, not itself against
     * itself.
     */
    private static JsonNode rawCall(ObjectMapper json, OutputStream out, InputStream in, int[] id, String method,
                                    Map<String, Object> params) throws IOException {
        int mine = ++id[0];
        RawJsonRpc.request(json, out, mine, method, params);
        while (true) {
            JsonNode msg = json.readTree(RawJsonRpc.read(in));
            if (msg.path("id").asInt(-1) == mine && !msg.has("method")) {
                return msg;
            }
        }
    }
}
