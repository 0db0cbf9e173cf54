package dev.copilotci.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FrameReaderTest {

    /** Hands out at most {@code chunk} bytes per read, like a slow socket. */
    private static InputStream trickle(byte[] data, int chunk) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= data.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, chunk), data.length - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    private static byte[] frames(byte[]... bodies) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(out);
        for (byte[] b : bodies) {
            writer.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void readsFramesDeliveredOneByteAtATime() throws IOException {
        byte[] a = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] b = "{\"id\":2,\"result\":{}}".getBytes(StandardCharsets.UTF_8);
        FrameReader reader = new FrameReader(trickle(frames(a, b), 1));
        assertArrayEquals(a, reader.read());
        assertArrayEquals(b, reader.read());
        assertNull(reader.read(), "clean end of stream between frames");
    }

    @Test
    void utf8CharactersSplitAcrossReadsSurviveIntact() throws IOException {
        String text = "{\"content\":\"héllo 🚀 – ünïcødé ✓\"}";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk <= 7; chunk++) {
            FrameReader reader = new FrameReader(trickle(frames(body), chunk));
            assertEquals(text, new String(reader.read(), StandardCharsets.UTF_8), "chunk size " + chunk);
        }
    }

    @Test
    void contentLengthCountsBytesNotChars() throws IOException {
        byte[] body = "{\"x\":\"ééé\"}".getBytes(StandardCharsets.UTF_8);
        String header = new String(Arrays.copyOf(frames(body), 30), StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("Content-Length: " + body.length + "\r\n\r\n"), header);
    }

    @Test
    void fiveMegabyteBodyIsReadWhole() throws IOException {
        byte[] body = new byte[5 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        body[0] = '"';
        body[body.length - 1] = '"';
        FrameReader reader = new FrameReader(trickle(frames(body), 65536));
        assertArrayEquals(body, reader.read());
    }

    @Test
    void headerNamesAreCaseInsensitiveAndExtraHeadersIgnored() throws IOException {
        String raw = "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
                + "CONTENT-LENGTH:2\n\n[]";
        FrameReader reader = new FrameReader(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        assertEquals("{}", new String(reader.read(), StandardCharsets.US_ASCII));
        assertEquals("[]", new String(reader.read(), StandardCharsets.US_ASCII), "bare LF line endings tolerated");
    }

    @Test
    void anHttpAnswerIsAProtocolErrorNamingWhatWasSeen() {
        String raw = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
        FrameReader reader = new FrameReader(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        ProtocolException e = assertThrows(ProtocolException.class, reader::read);
        assertTrue(e.getMessage().contains("HTTP/1.1 400 Bad Request"), e.getMessage());
    }

    @Test
    void streamEndingInsideABodyIsAnError() {
        String raw = "Content-Length: 10\r\n\r\n{\"a\":";
        FrameReader reader = new FrameReader(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        assertThrows(EOFException.class, reader::read);
    }

    @Test
    void missingOrBadContentLengthIsAnError() {
        FrameReader noLength = new FrameReader(new ByteArrayInputStream("X-Other: 1\r\n\r\n{}".getBytes()));
        assertThrows(ProtocolException.class, noLength::read);
        FrameReader badLength = new FrameReader(new ByteArrayInputStream("Content-Length: abc\r\n\r\n".getBytes()));
        assertThrows(ProtocolException.class, badLength::read);
        FrameReader negative = new FrameReader(new ByteArrayInputStream("Content-Length: -5\r\n\r\n".getBytes()));
        assertThrows(ProtocolException.class, negative::read);
    }

    @Test
    void aFrameOfExactlyTheLimitIsReadAndOneByteMoreIsRefusedNamingTheLimit() throws IOException {
        assertEquals(32 * 1024 * 1024, FrameReader.MAX_FRAME_BYTES, "the shared-server frame cap is 32 MiB");
        byte[] body = new byte[FrameReader.MAX_FRAME_BYTES];
        Arrays.fill(body, (byte) ' ');
        assertEquals(body.length, new FrameReader(new ByteArrayInputStream(frames(body))).read().length);

        String over = "Content-Length: " + (FrameReader.MAX_FRAME_BYTES + 1) + "\r\n\r\n{}";
        ProtocolException e = assertThrows(ProtocolException.class,
                new FrameReader(new ByteArrayInputStream(over.getBytes(StandardCharsets.US_ASCII)))::read);
        assertTrue(e.getMessage().contains("32 MiB") && e.getMessage().contains("33554433"), e.getMessage());

        String absurd = "Content-Length: 99999999999999999999999\r\n\r\n";
        ProtocolException e2 = assertThrows(ProtocolException.class,
                new FrameReader(new ByteArrayInputStream(absurd.getBytes(StandardCharsets.US_ASCII)))::read);
        assertTrue(e2.getMessage().contains("exceeds the JSON-RPC frame limit of 32 MiB"), e2.getMessage());
    }

    @Test
    void writerEmitsEachFrameInOneWriteCall() throws IOException {
        int[] writes = {0};
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                writes[0]++;
                super.write(b, off, len);
            }
        };
        new FrameWriter(sink).write("{\"jsonrpc\":\"2.0\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, writes[0], "header and body must leave in a single write (no Nagle delay)");
    }
}
