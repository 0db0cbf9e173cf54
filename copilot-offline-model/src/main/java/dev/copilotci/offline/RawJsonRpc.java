package dev.copilotci.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The least a JSON-RPC client of a CLI server can do: requests in {@code Content-Length} frames written and read by
 * hand, no threads, no engine. For the places that must not use the engine's own framing: the overhead bench's
 * baseline (it would otherwise measure the engine against itself) and the test probe that proves a server runs
 * independently of it.
 */
public final class RawJsonRpc {
    private static final String CONTENT_LENGTH = "content-length:";

    private RawJsonRpc() {
    }

    /** Sends one JSON-RPC 2.0 request ({@code params} as Jackson writes it: a map, a node) in one frame. */
    public static void request(ObjectMapper json, OutputStream out, int id, String method, Object params)
            throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        request.put("params", params);
        write(out, json.writeValueAsBytes(request));
    }

    /** One frame in a single {@code write}: header and body in one buffer, so TCP never waits between the two. */
    public static void write(OutputStream out, byte[] body) throws IOException {
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[header.length + body.length];
        System.arraycopy(header, 0, frame, 0, header.length);
        System.arraycopy(body, 0, frame, header.length, body.length);
        out.write(frame);
        out.flush();
    }

    /** The body of the next frame; headers other than {@code Content-Length} are skipped. */
    public static byte[] read(InputStream in) throws IOException {
        int length = -1;
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("server closed the connection");
            }
            if (b != '\n') {
                line.append((char) b);
                continue;
            }
            String header = line.toString().strip();
            line.setLength(0);
            if (header.isEmpty()) {
                break;
            }
            if (header.toLowerCase(Locale.ROOT).startsWith(CONTENT_LENGTH)) {
                length = Integer.parseInt(header.substring(CONTENT_LENGTH.length()).strip());
            }
        }
        if (length < 0) {
            throw new IOException("a frame without Content-Length");
        }
        return in.readNBytes(length);
    }
}
