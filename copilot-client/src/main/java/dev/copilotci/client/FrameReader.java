package dev.copilotci.client;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads LSP-style {@code Content-Length} frames. Header names are case-insensitive and unknown headers are ignored;
 * anything that is not a header (an HTTP status line, NDJSON) is reported as a {@link ProtocolException} naming what
 * was seen, so a wrong URL fails with a clear message instead of waiting forever.
 */
final class FrameReader {
    /**
     * Upper bound for one frame: 32 MiB. The largest legitimate frames are whole-conversation events
     * ({@code model.messages_snapshot}, {@code session.getMessages}) and base64 images from {@code view}, far below
     * this; on a shared server a peer announcing more is broken or hostile, and a bigger cap would let one frame pin
     * hundreds of MiB of heap in every client reading it.
     */
    public static final int MAX_FRAME_BYTES = 32 * 1024 * 1024;
    private static final int MAX_HEADER_LINE = 8192;

    private final InputStream in;

    public FrameReader(InputStream in) {
        // Header lines are read byte by byte: always through a buffer.
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 64 * 1024);
    }

    /** Returns the next frame body, or {@code null} at a clean end of stream between frames. */
    public byte[] read() throws IOException {
        int contentLength = -1;
        boolean sawAnyHeader = false;
        while (true) {
            String line = readHeaderLine(!sawAnyHeader);
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                if (!sawAnyHeader) {
                    continue; // tolerate stray blank lines between frames
                }
                break;
            }
            sawAnyHeader = true;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("expected a Content-Length header but got '" + printable(line) + "'");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (name.equals("content-length")) {
                String value = line.substring(colon + 1).trim();
                long announced;
                try {
                    announced = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    // a huge number is still a number: say it is too big, not that it is malformed
                    if (value.matches("\\d{19,}")) {
                        throw tooLarge(value);
                    }
                    throw new ProtocolException("invalid Content-Length '" + printable(value) + "'");
                }
                if (announced < 0) {
                    throw new ProtocolException("invalid Content-Length " + announced + " (negative)");
                }
                if (announced > MAX_FRAME_BYTES) {
                    throw tooLarge(Long.toString(announced));
                }
                contentLength = (int) announced;
            }
        }
        if (contentLength < 0) {
            throw new ProtocolException("frame without Content-Length header");
        }
        byte[] body = in.readNBytes(contentLength);
        if (body.length != contentLength) {
            throw new EOFException("stream ended inside a frame body (" + body.length + " of " + contentLength + " bytes)");
        }
        return body;
    }

    private static ProtocolException tooLarge(String announced) {
        return new ProtocolException("frame of " + announced + " bytes exceeds the JSON-RPC frame limit of "
                + MAX_FRAME_BYTES / (1024 * 1024) + " MiB (" + MAX_FRAME_BYTES + " bytes); refusing to read it");
    }

    private String readHeaderLine(boolean eofAllowed) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && sb.length() == 0) {
                    return null;
                }
                throw new EOFException("stream ended inside a frame header");
            }
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (sb.length() >= MAX_HEADER_LINE) {
                throw new ProtocolException("header line longer than " + MAX_HEADER_LINE + " bytes: '"
                        + printable(sb.substring(0, 60)) + "…'");
            }
            sb.append((char) b); // headers are ASCII
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return new String(cut.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", "?");
    }
}
