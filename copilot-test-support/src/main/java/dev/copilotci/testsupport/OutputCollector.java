package dev.copilotci.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/** Drains a process stream on a daemon thread, keeping the text and reporting each line. */
final class OutputCollector {

    private final StringBuilder text = new StringBuilder();
    private final Thread thread;

    OutputCollector(InputStream stream, String name, Consumer<String> lineListener) {
        this.thread = new Thread(() -> drain(stream, lineListener), name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void drain(InputStream stream, Consumer<String> lineListener) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (text) {
                    text.append(line).append('\n');
                    text.notifyAll();
                }
                lineListener.accept(line);
            }
        } catch (IOException e) {
            // stream closed because the process ended or was killed: keep what we have
        }
    }

    /** Everything read so far. */
    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    /** Waits (bounded) until the text contains {@code fragment}; returns whether it does. */
    boolean awaitContains(String fragment, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (text) {
            while (text.indexOf(fragment) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.isAlive() && text.indexOf(fragment) < 0) {
                    return text.indexOf(fragment) >= 0;
                }
                try {
                    // short slices so the end of the stream is noticed too
                    text.wait(Math.max(1, Math.min(100, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Waits (bounded) for end of stream, so {@link #text()} is complete after the process exited. */
    void awaitEnd(Duration timeout) {
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
