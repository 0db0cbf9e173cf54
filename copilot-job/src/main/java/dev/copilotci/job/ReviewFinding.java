package dev.copilotci.job;

import dev.copilotci.client.text.UntrustedText;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One review finding. All text comes from the model and is untrusted: clean it ({@link UntrustedText}) wherever it
 * is shown.
 *
 * @param file path in the new version of the code, or {@code null} for a finding about the change as a whole
 * @param line 1-based line in the new version, {@code 0} if unknown or about the whole file
 * @param severity never {@code null} (WARNING if the model gave none)
 * @param message never {@code null}
 * @param title short title, or {@code null}
 * @param inDiff whether {@link DiffFiles#validate} found the file (and the line, if any) in the diff: only such
 *     findings may become annotations or inline review comments; the others belong in the summary. {@code false}
 *     until validated.
 * @param suggestion a replacement for lines of the new version, or {@code null}; after {@link DiffFiles#validate}
 *     only present when all its lines are right-side lines of one hunk of the diff
 */
public record ReviewFinding(String file, int line, Severity severity, String message, String title, boolean inDiff,
        ReviewSuggestion suggestion) {

    public ReviewFinding {
        file = file == null || file.isBlank() ? null : file.strip();
        line = Math.max(0, line);
        severity = severity == null ? Severity.WARNING : severity;
        message = message == null ? "" : message;
        title = title == null || title.isBlank() ? null : title.strip();
    }

    /** A finding without a suggestion. */
    public ReviewFinding(String file, int line, Severity severity, String message, String title, boolean inDiff) {
        this(file, line, severity, message, title, inDiff, null);
    }

    /** A finding that has not been checked against the diff yet. */
    public ReviewFinding(String file, int line, Severity severity, String message, String title) {
        this(file, line, severity, message, title, false);
    }

    /** A copy with the given {@code inDiff} flag. */
    public ReviewFinding withInDiff(boolean value) {
        return value == inDiff ? this : new ReviewFinding(file, line, severity, message, title, value, suggestion);
    }

    /** A copy with the given suggestion ({@code null}: none). */
    public ReviewFinding withSuggestion(ReviewSuggestion value) {
        return new ReviewFinding(file, line, severity, message, title, inDiff, value);
    }

    /**
     * Plain map for Jenkins Pipeline return values and JSON files: {@code file}, {@code line}, {@code severity}
     * (lower case), {@code title}, {@code message}, {@code inDiff}; absent file/title as {@code null}; and
     * {@code suggestion} (a map) only when there is one.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("line", line);
        m.put("severity", severity.label());
        m.put("title", title);
        m.put("message", message);
        m.put("inDiff", inDiff);
        if (suggestion != null) {
            m.put("suggestion", suggestion.toMap());
        }
        return m;
    }
}
