package dev.copilotci.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JSON-RPC layer against a scripted peer on in-memory pipes (the peer is test code playing the server; the
 * connection under test is ours): correlation, deadlines, server requests, closing.
 */
@Timeout(30)
class JsonRpcConnectionTest {
    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<String> notifications = new LinkedBlockingQueue<>();
    private final CompletableFuture<IOException> closed = new CompletableFuture<>();
    private PipedOutputStream toClient;
    private FrameReader fromClient;
    private JsonRpcConnection connection;

    @BeforeEach
    void connect() throws IOException {
        PipedInputStream clientIn = new PipedInputStream(1 << 20);
        toClient = new PipedOutputStream(clientIn);
        PipedInputStream peerIn = new PipedInputStream(1 << 20);
        PipedOutputStream clientOut = new PipedOutputStream(peerIn);
        fromClient = new FrameReader(peerIn);
        connection = JsonRpcConnection.open(new StreamTransport(clientIn, clientOut, "test peer", null),
                new JsonRpcConnection.Handler() {
                    @Override
                    public void onNotification(String method, JsonNode params) {
                        notifications.add(method + " " + params);
                    }

                    @Override
                    public CompletableFuture<JsonNode> onRequest(String method, JsonNode params) {
                        if (method.equals("echo")) {
                            return CompletableFuture.completedFuture(params);
                        }
                        return null; // unknown: the connection answers -32601
                    }

                    @Override
                    public void onClosed(IOException cause) {
                        closed.complete(cause);
                    }
                }, "copilot-rpc-test");
    }

    @AfterEach
    void close() throws IOException {
        toClient.close(); // the peer hangs up first, as a server does at shutdown
        connection.close();
    }

    private JsonNode nextFromClient() throws IOException {
        return json.readTree(fromClient.read());
    }

    private void peerSends(String body) throws IOException {
        new FrameWriter(toClient).write(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void answersAreCorrelatedByIdEvenOutOfOrder() throws Exception {
        CompletableFuture<JsonNode> a = connection.request("first", null, Duration.ofSeconds(5));
        CompletableFuture<JsonNode> b = connection.request("second", json.createObjectNode().put("x", 1),
                Duration.ofSeconds(5));
        JsonNode ra = nextFromClient();
        JsonNode rb = nextFromClient();
        assertEquals("first", ra.path("method").asText());
        assertEquals(1, rb.path("params").path("x").asInt());
        peerSends("{\"jsonrpc\":\"2.0\",\"id\":" + rb.path("id") + ",\"result\":{\"v\":\"B\"}}");
        peerSends("{\"jsonrpc\":\"2.0\",\"id\":" + ra.path("id") + ",\"result\":{\"v\":\"A\"}}");
        assertEquals("A", a.get(5, TimeUnit.SECONDS).path("v").asText());
        assertEquals("B", b.get(5, TimeUnit.SECONDS).path("v").asText());
    }

    @Test
    void errorAnswersCarryCodeAndMessage() throws Exception {
        CompletableFuture<JsonNode> f = connection.request("session.send", null, Duration.ofSeconds(5));
        JsonNode req = nextFromClient();
        peerSends("{\"jsonrpc\":\"2.0\",\"id\":" + req.path("id") + ",\"error\":{\"code\":-32603,"
                + "\"message\":\"Request session.send failed with message: Session not found for sessionId: x\"}}");
        RpcException e = JsonRpcConnection.unwrap(assertThrows(Exception.class, () -> f.get(5, TimeUnit.SECONDS)));
        assertEquals(-32603, e.code());
        assertTrue(e.isSessionNotFound());
    }

    @Test
    void everyRequestHasADeadline() {
        long start = System.nanoTime();
        RequestTimeoutException e = assertThrows(RequestTimeoutException.class,
                () -> connection.call("never.answered", null, Duration.ofMillis(300)));
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        assertEquals("never.answered", e.method());
        assertTrue(e.getMessage().contains("test peer"), e.getMessage());
    }

    @Test
    void unknownServerRequestsGetMethodNotFoundAndKnownOnesAnAnswer() throws Exception {
        peerSends("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"hooks.invoke\",\"params\":{}}");
        JsonNode answer = nextFromClient();
        assertEquals(7, answer.path("id").asInt());
        assertEquals(RpcError.METHOD_NOT_FOUND, answer.path("error").path("code").asInt());
        peerSends("{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"method\":\"echo\",\"params\":{\"k\":\"v\"}}");
        JsonNode echoed = nextFromClient();
        assertEquals("s-1", echoed.path("id").asText(), "string ids echoed unchanged");
        assertEquals("v", echoed.path("result").path("k").asText());
    }

    @Test
    void notificationsArriveInOrderAndGarbageFramesAreSkipped() throws Exception {
        peerSends("{\"jsonrpc\":\"2.0\",\"method\":\"session.event\",\"params\":{\"n\":1}}");
        peerSends("this is not json");
        peerSends("{\"jsonrpc\":\"2.0\",\"method\":\"session.event\",\"params\":{\"n\":2}}");
        // delivered on the dispatch thread, in order; each wait is bounded
        assertEquals("session.event {\"n\":1}", notifications.poll(5, TimeUnit.SECONDS));
        assertEquals("session.event {\"n\":2}", notifications.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void pendingRequestsFailAtOnceWhenThePeerGoesAway() throws Exception {
        CompletableFuture<JsonNode> f = connection.request("slow", null, Duration.ofSeconds(30));
        nextFromClient();
        toClient.close(); // the server died
        Exception e = assertThrows(Exception.class, () -> f.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof ConnectionClosedException, String.valueOf(e.getCause()));
        assertTrue(closed.get(5, TimeUnit.SECONDS) != null, "the handler hears of the loss");
        assertTrue(!connection.isOpen());
        assertThrows(ConnectionClosedException.class, () -> connection.call("after", null, Duration.ofSeconds(1)));
    }

    @Test
    void aFiveMegabyteRequestIsFramedWhole() throws Exception {
        String big = "x".repeat(5 * 1024 * 1024);
        connection.request("big", json.createObjectNode().put("data", big), Duration.ofSeconds(10));
        assertEquals(big.length(), nextFromClient().path("params").path("data").asText().length());
    }
}
