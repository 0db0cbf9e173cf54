package dev.copilotci.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A concrete replacement a finding proposes for lines {@code startLine..endLine} (inclusive, 1-based) of the new
 * version of its file. Model text, untrusted: {@link ReviewFindingsParser} caps and cleans it, {@link DiffFiles#validate}
 * keeps it only when every line is a right-side line of one hunk, and the front end must fence it so that the
 * replacement cannot close the fence.
 *
 * @param startLine first replaced line
 * @param endLine last replaced line, {@code >= startLine}
 * @param replacement the new text of those lines, without a trailing line break ("" deletes them)
 */
public record ReviewSuggestion(int startLine, int endLine, String replacement) {

    /** Most lines one suggestion may replace (a larger rewrite is not a suggestion any more). */
    public static final int MAX_LINES = 50;
    /** Most characters of a replacement. */
    public static final int MAX_CHARS = 4_000;

    public ReviewSuggestion {
        if (startLine < 1 || endLine < startLine || endLine - startLine >= MAX_LINES) {
            throw new IllegalArgumentException("suggestion lines must be 1 <= start <= end < start + " + MAX_LINES);
        }
        if (replacement == null || replacement.length() > MAX_CHARS) {
            throw new IllegalArgumentException("suggestion replacement missing or above " + MAX_CHARS + " chars");
        }
    }

    /** Plain map for JSON files and Pipeline return values. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("startLine", startLine);
        m.put("endLine", endLine);
        m.put("replacement", replacement);
        return m;
    }
}
