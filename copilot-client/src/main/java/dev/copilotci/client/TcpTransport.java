package dev.copilotci.client;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketOption;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;

/**
 * A TCP connection without Nagle stalls either way: {@code TCP_NODELAY} and one write per frame for what we send,
 * {@code TCP_QUICKACK} on reads for what the server sends (see {@link QuickAckInput}).
 */
public final class TcpTransport extends StreamPairTransport {
    private final Socket socket;

    private TcpTransport(Socket socket, String description) throws IOException {
        super(new BufferedInputStream(quickAckInput(socket), 64 * 1024), socket.getOutputStream(), description);
        this.socket = socket;
    }

    /** The socket's input, re-arming TCP_QUICKACK before each read where the platform has it. */
    private static InputStream quickAckInput(Socket socket) throws IOException {
        InputStream raw = socket.getInputStream();
        SocketOption<Boolean> quickAck = quickAckOption(socket);
        return quickAck == null ? raw : new QuickAckInput(socket, quickAck, raw);
    }

    /** Connects within {@code timeout}; the caller decides how to phrase a refusal. */
    public static TcpTransport connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return new TcpTransport(socket, formatHostPort(host, port));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Acknowledges every segment at once (Linux {@code TCP_QUICKACK}, which the kernel resets, so it is re-armed
     * before each read). The CLI writes each message as its own small segment without {@code TCP_NODELAY}: when two
     * messages go out back to back, Nagle holds the second until the first is acknowledged, and a delayed ACK would
     * add 40 ms to that answer (measured on session.create, session.send and session.delete).
     */
    private static final class QuickAckInput extends FilterInputStream {
        private final Socket socket;
        private final SocketOption<Boolean> quickAck;

        QuickAckInput(Socket socket, SocketOption<Boolean> quickAck, InputStream in) {
            super(in);
            this.socket = socket;
            this.quickAck = quickAck;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return super.read(b, off, len);
        }

        @Override
        public int read() throws IOException {
            arm();
            return super.read();
        }

        private void arm() {
            try {
                socket.setOption(quickAck, true);
            } catch (IOException | UnsupportedOperationException ignored) {
                // closed or not supported: reads still work, only the ACK may be delayed
            }
        }
    }

    /** TCP_QUICKACK where the platform has it (Linux), else null; a runtime without jdk.net just goes without. */
    private static SocketOption<Boolean> quickAckOption(Socket socket) {
        try {
            SocketOption<Boolean> option = ExtendedSocketOptions.TCP_QUICKACK;
            return socket.supportedOptions().contains(option) ? option : null;
        } catch (LinkageError e) {
            return null;
        }
    }

    /** "host:port", an IPv6 host in brackets. */
    public static String formatHostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
