package io.jenkins.plugins.copilotci;

import hudson.FilePath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Reading workspace files and command output without ever holding more than a bound in controller memory. */
final class WorkspaceFiles {
    /** More than any prompt can use (the model's budget is far smaller): the rest is cut with a note. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private WorkspaceFiles() {
    }

    /** The file's text, at most {@link #MAX_BYTES} of it, with a note when it was cut. */
    static String read(FilePath file) throws IOException, InterruptedException {
        try (InputStream in = file.read()) {
            byte[] head = in.readNBytes(MAX_BYTES);
            boolean more = in.read() >= 0;
            String text = new String(head, StandardCharsets.UTF_8);
            return more ? text + "\n… [cut at " + MAX_BYTES + " bytes]" : text;
        }
    }

    /** An output stream that keeps the first {@link #MAX_BYTES} bytes and counts the rest. */
    static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        @Override
        public void write(int b) {
            if (kept.size() < MAX_BYTES) {
                kept.write(b);
            } else {
                dropped++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int room = Math.max(0, MAX_BYTES - kept.size());
            int take = Math.min(room, len);
            kept.write(b, off, take);
            dropped += len - take;
        }

        String text() {
            String text = kept.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? text : text + "\n… [cut: " + dropped + " more bytes]";
        }

        String textOnly() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
