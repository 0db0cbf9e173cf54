package dev.copilotci.job;

/**
 * The part of a build log chosen by {@link LogSelector}.
 *
 * @param text the selected lines, cleaned of escape sequences and console notes, with gaps marked
 *     "… N lines omitted …"; no trailing newline
 * @param totalLines number of lines in the whole log
 * @param selectedLines number of log lines in {@code text} (gap markers not counted)
 * @param truncated whether anything of the log is missing from {@code text} (omitted lines or shortened lines)
 */
public record FailureLogExcerpt(String text, long totalLines, int selectedLines, boolean truncated) {

    public FailureLogExcerpt {
        text = text == null ? "" : text;
        if (totalLines < 0 || selectedLines < 0 || selectedLines > totalLines) {
            throw new IllegalArgumentException("inconsistent line counts: " + selectedLines + " of " + totalLines);
        }
    }

    /** Log lines not in {@link #text()}. */
    public long omittedLines() {
        return totalLines - selectedLines;
    }

    /** Whether the log had no lines at all. */
    public boolean isEmpty() {
        return totalLines == 0;
    }
}
