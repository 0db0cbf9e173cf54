package io.jenkins.plugins.copilotci;

import hudson.FilePath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Reading workspace files and command output without ever holding more than a bound in controller memory. */
final class WorkspaceFiles {
    /** Command output kept: more than any prompt can use (the model's budget is far smaller); the rest is cut. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private WorkspaceFiles() {
    }

    /**
     * The text of a file named relative to the workspace: read on the agent, by real path, at most {@code cap} bytes
     * (see {@link ReadInsideWorkspace}); bytes that are not UTF-8 become U+FFFD.
     *
     * @throws hudson.AbortException when it is missing, too large, or a link that leaves the workspace
     */
    static String read(FilePath workspace, String name, int cap, String what) throws IOException, InterruptedException {
        return new String(workspace.act(new ReadInsideWorkspace(name, cap, what)), StandardCharsets.UTF_8);
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
