package dev.copilotci.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A transport over any input/output stream pair; {@code onClose} releases what is behind them. */
public final class StreamTransport extends StreamPairTransport {
    private final Closeable onClose;

    public StreamTransport(InputStream in, OutputStream out, String description, Closeable onClose) {
        super(in, out, description);
        this.onClose = onClose;
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
        closeQuietly(input());
        Thread closer = new Thread(() -> closeQuietly(output()), "copilot-transport-close");
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
