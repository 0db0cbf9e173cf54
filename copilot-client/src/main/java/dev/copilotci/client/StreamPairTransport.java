package dev.copilotci.client;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * What every transport over an input/output stream pair shares: the streams and the description. Subclasses differ
 * only in what {@link #close()} must release (a child process, a socket).
 */
abstract sealed class StreamPairTransport implements Transport permits StreamTransport, TcpTransport {
    private final InputStream in;
    private final OutputStream out;
    private final String description;

    StreamPairTransport(InputStream in, OutputStream out, String description) {
        this.in = in;
        this.out = out;
        this.description = description;
    }

    @Override
    public final InputStream input() {
        return in;
    }

    @Override
    public final OutputStream output() {
        return out;
    }

    @Override
    public final String description() {
        return description;
    }
}
