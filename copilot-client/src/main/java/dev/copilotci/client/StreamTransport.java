package dev.copilotci.client;

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

    /**
     * Releases what is behind the streams first (e.g. kills the process), then the input, and closes the output on a
     * separate thread: a writer blocked on a peer that stops reading holds the output's lock, and must not make
     * close() wait forever.
     */
    @Override
    public void close() {
        if (onClose != null) {
            closeQuietly(onClose);
        }
        closeQuietly(in);
        Thread closer = new Thread(() -> closeQuietly(out), "copilot-transport-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
