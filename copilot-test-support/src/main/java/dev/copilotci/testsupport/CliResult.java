package dev.copilotci.testsupport;

import java.time.Duration;

/**
 * Outcome of one {@link CliInvocation}.
 *
 * @param exitCode process exit code, -1 if it timed out and was killed
 * @param stdout   standard output text
 * @param stderr   standard error text
 * @param elapsed  wall time until exit (or until the kill)
 * @param timedOut whether the invocation hit its timeout and the process tree was killed
 */
public record CliResult(int exitCode, String stdout, String stderr, Duration elapsed, boolean timedOut) {

    /** Human-readable summary for assertion messages. */
    public String describe() {
        return "exit=" + exitCode + (timedOut ? " (timed out)" : "") + " after " + elapsed.toMillis() + " ms\n--- stdout\n"
                + stdout + "--- stderr\n" + stderr;
    }
}
