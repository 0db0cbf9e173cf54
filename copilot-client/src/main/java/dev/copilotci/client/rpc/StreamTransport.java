package dev.copilotci.client.rpc;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A transport over any input/output stream pair; {@code onClose} releases what is behind them. */
public final class StreamTransport implements Transport {
    private final InputStream in;
    private final OutputStream out;
    private final String description;
    private final Closeable onClose;

    public StreamTransport(InputStream in, OutputStream out, String description, Closeable onClose) {
        this.in = in;
        this.out = out;
        this.description = description;
        this.onClose = onClose;
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        closeQuietly(out);
        closeQuietly(in);
        if (onClose != null) {
            closeQuietly(onClose);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort: the peer may already be gone
        }
    }
}
