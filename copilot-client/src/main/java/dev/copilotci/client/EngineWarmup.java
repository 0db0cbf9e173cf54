package dev.copilotci.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.copilotci.client.events.SessionEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the engine's cold code once on a daemon thread, so the real connection does not pay for it. A fresh JVM spends
 * about 90 ms loading and linking the socket, JSON and JSON-RPC classes around its first request; a client that starts
 * its own CLI waits ~0.35 s for that CLI to boot, so {@link CopilotClient#start} runs this meanwhile. Self-contained:
 * a loopback JSON-RPC round trip between two of our own connections, plus typical turn events through the parser and
 * a turn tracker. Bounded and best effort: any failure is ignored, nothing outside this class is touched.
 */
final class EngineWarmup {
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** The events of a typical turn, in the CLI's shapes. */
    private static final List<String> TURN_EVENTS = List.of(
            "{\"type\":\"user.message\",\"id\":\"e1\",\"data\":{\"content\":\"warm-up\"}}",
            "{\"type\":\"assistant.turn_start\",\"id\":\"e2\",\"data\":{\"turnId\":\"0\"}}",
            "{\"type\":\"assistant.message_delta\",\"id\":\"e3\",\"ephemeral\":true,"
                    + "\"data\":{\"messageId\":\"m1\",\"deltaContent\":\"ok\"}}",
            "{\"type\":\"assistant.usage\",\"id\":\"e4\",\"ephemeral\":true,\"data\":{\"model\":\"m\","
                    + "\"inputTokens\":10,\"outputTokens\":1,\"cacheReadTokens\":0,\"duration\":5}}",
            "{\"type\":\"assistant.message\",\"id\":\"e5\",\"data\":{\"messageId\":\"m1\",\"content\":\"ok\","
                    + "\"toolRequests\":[]}}",
            "{\"type\":\"tool.execution_start\",\"id\":\"e6\",\"data\":{\"toolCallId\":\"t1\",\"toolName\":\"view\","
                    + "\"arguments\":{\"path\":\".\"}}}",
            "{\"type\":\"tool.execution_complete\",\"id\":\"e7\",\"data\":{\"toolCallId\":\"t1\",\"success\":true,"
                    + "\"result\":{\"content\":\"ok\"}}}",
            "{\"type\":\"assistant.turn_end\",\"id\":\"e8\",\"data\":{\"turnId\":\"0\"}}",
            "{\"type\":\"session.idle\",\"id\":\"e9\",\"ephemeral\":true,\"data\":{}}");

    private EngineWarmup() {
    }

    /** Starts the warm-up and returns at once; the thread is a daemon and ends within a few seconds at worst. */
    static Thread start() {
        Thread t = new Thread(EngineWarmup::run, "copilot-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The warm-up itself, on the calling thread; returns whether the loopback round trip completed. */
    static boolean run() {
        UUID.randomUUID(); // SecureRandom's first use (session ids) costs ~10 ms
        try {
            return loopbackRoundTrip();
        } catch (IOException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean loopbackRoundTrip() throws IOException {
        CountDownLatch parsed = new CountDownLatch(TURN_EVENTS.size());
        TurnTracker turn = new TurnTracker(0);
        Handler parseEvents = new Handler() {
            @Override
            public void onNotification(String method, JsonNode params) {
                turn.onEvent(SessionEvent.parse(params.path("sessionId").asText(""), params.path("event")));
                parsed.countDown();
            }
        };
        Handler answerOk = new Handler() {
            @Override
            public CompletableFuture<JsonNode> onRequest(String method, JsonNode params) {
                return CompletableFuture.completedFuture(JsonCodec.object().put("ok", true));
            }
        };
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket listener = new ServerSocket(0, 1, loopback)) {
            listener.setSoTimeout((int) DEADLINE.toMillis());
            TcpTransport clientSide = TcpTransport.connect(loopback.getHostAddress(), listener.getLocalPort(), DEADLINE);
            try (clientSide;
                 Socket accepted = listener.accept();
                 JsonRpcConnection client = JsonRpcConnection.open(clientSide, parseEvents, "copilot-warmup");
                 JsonRpcConnection server = JsonRpcConnection.open(new StreamTransport(accepted.getInputStream(),
                         accepted.getOutputStream(), "warm-up peer", accepted), answerOk, "copilot-warmup-peer")) {
                JsonCodec json = new JsonCodec();
                for (String event : TURN_EVENTS) {
                    ObjectNode params = JsonCodec.object().put("sessionId", "warm-up");
                    params.set("event", json.decode(event.getBytes(StandardCharsets.UTF_8)));
                    server.notify("session.event", params);
                }
                boolean answered = client.call("connect", JsonCodec.object().put("token", "warm-up"), DEADLINE)
                        .path("ok").asBoolean(false);
                boolean done = parsed.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                turn.finalContent();
                turn.usage();
                return answered && done;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (RpcException e) {
                return false;
            }
        }
    }

    /** Ignores what it is not overridden for. */
    private abstract static class Handler implements JsonRpcConnection.Handler {
        @Override
        public void onNotification(String method, JsonNode params) {
        }

        @Override
        public CompletableFuture<JsonNode> onRequest(String method, JsonNode params) {
            return null;
        }

        @Override
        public void onClosed(IOException cause) {
        }
    }
}
