package dev.copilotci.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.copilotci.offline.RawJsonRpc;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Minimal Content-Length-framed JSON-RPC client ({@link RawJsonRpc}), only to prove in tests that
 * {@link CliServerFixture} really runs the CLI server (the project's real client lives in copilot-client). Skips
 * notifications until the reply.
 */
final class JsonRpcProbe implements Closeable {

    private final ObjectMapper json = new ObjectMapper();
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Deque<JsonNode> notifications = new ArrayDeque<>();
    private int nextId = 1;

    JsonRpcProbe(int port, Duration timeout) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) timeout.toMillis()); // every read is bounded
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends a request and returns the whole response object (with "result" or "error"). */
    JsonNode call(String method, ObjectNode params) throws IOException {
        int id = nextId++;
        RawJsonRpc.request(json, out, id, method, params);
        while (true) {
            JsonNode message = readFrame();
            if (message.has("id") && message.get("id").asInt(-1) == id && !message.has("method")) {
                return message;
            }
            if (!message.has("id")) {
                notifications.add(message);
            }
        }
    }

    /**
     * Reads until a {@code session.event} of this type arrives (including ones buffered during {@link #call}) and
     * returns its {@code event} object. Bounded by the socket read timeout.
     */
    JsonNode awaitEvent(String type) throws IOException {
        while (true) {
            JsonNode message = notifications.isEmpty() ? readFrame() : notifications.poll();
            JsonNode event = message.path("params").path("event");
            if ("session.event".equals(message.path("method").asText()) && type.equals(event.path("type").asText())) {
                return event;
            }
        }
    }

    ObjectNode params() {
        return json.createObjectNode();
    }

    private JsonNode readFrame() throws IOException {
        return json.readTree(RawJsonRpc.read(in));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
