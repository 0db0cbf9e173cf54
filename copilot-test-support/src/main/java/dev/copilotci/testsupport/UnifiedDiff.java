package dev.copilotci.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-file unified diff in git's format, for tests of what reads diffs. The hunk headers are counted from the lines
 * given, so a test cannot state a header its lines contradict.
 *
 * <pre>{@code
 * UnifiedDiff.of("src/A.java").hunk(1, 1).context("line1").added("added2").context("line3").text()
 * }</pre>
 */
public final class UnifiedDiff {
    private final List<Hunk> hunks = new ArrayList<>();
    private final String path;

    private UnifiedDiff(String path) {
        this.path = path;
    }

    /** A diff that changes {@code path}; add at least one {@link #hunk}. */
    public static UnifiedDiff of(String path) {
        return new UnifiedDiff(path);
    }

    /** Starts a hunk at line {@code oldStart} of the old file and {@code newStart} of the new one. */
    public UnifiedDiff hunk(int oldStart, int newStart) {
        hunks.add(new Hunk(oldStart, newStart, new ArrayList<>()));
        return this;
    }

    /** Lines both files have. */
    public UnifiedDiff context(String... lines) {
        return lines(' ', lines);
    }

    /** Lines only the new file has. */
    public UnifiedDiff added(String... lines) {
        return lines('+', lines);
    }

    /** Lines only the old file had. */
    public UnifiedDiff removed(String... lines) {
        return lines('-', lines);
    }

    private UnifiedDiff lines(char prefix, String... lines) {
        if (hunks.isEmpty()) {
            throw new IllegalStateException("lines before the first hunk(...)");
        }
        for (String line : lines) {
            hunks.get(hunks.size() - 1).lines().add(prefix + line);
        }
        return this;
    }

    /** The diff, each line ending in a newline. */
    public String text() {
        StringBuilder text = new StringBuilder();
        text.append("diff --git a/").append(path).append(" b/").append(path).append('\n')
                .append("--- a/").append(path).append('\n')
                .append("+++ b/").append(path).append('\n');
        for (Hunk hunk : hunks) {
            long oldCount = hunk.lines().stream().filter(l -> l.charAt(0) != '+').count();
            long newCount = hunk.lines().stream().filter(l -> l.charAt(0) != '-').count();
            text.append("@@ -").append(hunk.oldStart()).append(',').append(oldCount)
                    .append(" +").append(hunk.newStart()).append(',').append(newCount).append(" @@\n");
            hunk.lines().forEach(l -> text.append(l).append('\n'));
        }
        return text.toString();
    }

    private record Hunk(int oldStart, int newStart, List<String> lines) {
    }
}
