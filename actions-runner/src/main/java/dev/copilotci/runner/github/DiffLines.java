package dev.copilotci.runner.github;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The new-side ("RIGHT") line numbers a pull request's diff shows per file: the lines GitHub accepts for inline
 * review comments. Built from the {@code patch} hunks the pull-request files API returns.
 */
public final class DiffLines {

    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@.*");

    private final Map<String, Set<Integer>> rightLines = new HashMap<>();

    /** Adds one file's unified-diff hunks (without the {@code ---}/{@code +++} header). */
    public DiffLines addPatch(String path, String patch) {
        Set<Integer> lines = rightLines.computeIfAbsent(path, k -> new HashSet<>());
        if (patch == null) {
            return this;
        }
        int next = -1;
        int remaining = 0;
        for (String line : patch.split("\r?\n")) {
            Matcher m = HUNK.matcher(line);
            if (m.matches()) {
                try {
                    next = Integer.parseInt(m.group(1));
                    remaining = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                } catch (NumberFormatException e) {
                    remaining = 0;
                }
                continue;
            }
            if (remaining <= 0) {
                continue; // before the first hunk, past a hunk's new-side count, or "\ No newline at end of file"
            }
            // Some producers drop the single space of an empty context line.
            if (line.startsWith("+") || line.startsWith(" ") || line.isEmpty()) {
                lines.add(next++);
                remaining--;
            }
            // "-" lines exist only on the old side.
        }
        return this;
    }

    /** Whether a RIGHT-side comment on {@code path}:{@code line} can be anchored in the diff. */
    public boolean contains(String path, int line) {
        return rightLines.getOrDefault(path, Collections.emptySet()).contains(line);
    }

    /** Whether the file is part of the diff at all. */
    public boolean containsFile(String path) {
        return rightLines.containsKey(path);
    }
}
