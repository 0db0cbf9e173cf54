package io.jenkins.plugins.copilotci;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Where the job layer's lines land in the build log: every line prefixed {@code [copilot] }. It receives text that
 * already passed the job layer's output boundary (cleaned, then masked: see {@code dev.copilotci.job.JobOutput}),
 * so the model can neither hide text, inject console notes, nor make a secret visible here.
 *
 * <p>Lines go to the log of the step that is running: a {@code withCopilot} block's own log between prompts, and
 * each inner {@code copilotPrompt}'s log while that prompt runs ({@link #redirect}), which is where Pipeline views
 * show a step's output.
 */
final class BuildLogWriter {
    static final String PREFIX = "[copilot] ";

    private volatile PrintStream log;

    BuildLogWriter(PrintStream log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Writes safe text, one prefixed log line per line. */
    void line(String safeText) {
        PrintStream target = log;
        synchronized (target) {
            for (String l : (safeText == null ? "" : safeText).split("\n", -1)) {
                target.println(PREFIX + l);
            }
        }
    }

    /** Sends lines to {@code stepLog} until the returned handle is closed, then back to where they went before. */
    Redirect redirect(PrintStream stepLog) {
        PrintStream previous = log;
        log = Objects.requireNonNull(stepLog, "stepLog");
        return () -> log = previous;
    }

    /** Ends a {@link #redirect}. */
    interface Redirect extends AutoCloseable {
        @Override
        void close();
    }
}
