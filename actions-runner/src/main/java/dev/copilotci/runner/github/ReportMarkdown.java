package dev.copilotci.runner.github;

import dev.copilotci.job.ReviewFinding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link ReportContent} as GitHub-flavoured Markdown within a byte budget (UTF-8): heading, the answer,
 * a findings table (severity, file:line, finding) and a footer with model, tokens and duration. Model text goes
 * through {@link MarkdownText}. When the whole report does not fit, findings rows and the end of the answer are
 * dropped and a note says how much is missing; the result never exceeds the budget.
 */
public final class ReportMarkdown {

    /** Characters of one finding shown in a table cell. */
    static final int MAX_CELL_CHARS = 1000;
    private static final int NOTE_RESERVE_BYTES = 512;

    private ReportMarkdown() {
    }

    /**
     * @param content       what to render
     * @param maxBytes      UTF-8 budget of the result
     * @param limitName     named in the truncation note, e.g. "the 1 MiB step summary limit"
     * @param findingsTitle the findings section's title, e.g. "Findings"
     */
    public static String render(ReportContent content, int maxBytes, String limitName, String findingsTitle) {
        // The scope belongs to the header: a clean review still says what was reviewed, whatever else is cut.
        String header = "## " + MarkdownText.plain(content.heading()) + "\n\n"
                + (content.scope() == null ? "" : MarkdownText.plain(content.scope(), 1000) + "\n\n");
        String footer = footer(content);
        List<ReviewFinding> findings = Findings.mostSevereFirst(content.findings());
        String tableHead = findings.isEmpty() ? "" : tableHead(findingsTitle, findings.size());
        List<String> rows = new ArrayList<>(findings.size());
        for (ReviewFinding f : findings) {
            rows.add(row(f));
        }
        String answer = content.answer();
        String answerFull = answerSection(answer, answer.length(), false);

        String full = header + answerFull + table(tableHead, rows, rows.size()) + footer;
        if (MarkdownText.utf8Length(full) <= maxBytes) {
            return full;
        }

        int avail = maxBytes - bytes(header) - bytes(footer) - NOTE_RESERVE_BYTES;
        if (avail <= 0) {
            return MarkdownText.truncateUtf8(header + "_Report omitted: it does not fit within " + limitName
                    + "._\n", maxBytes);
        }
        int tableBytes = findings.isEmpty() ? 0 : bytes(tableHead) + rows.stream().mapToInt(r -> bytes(r)).sum();
        int answerBytes = bytes(answerFull);
        int tableAllot;
        if (answerBytes == 0) {
            tableAllot = avail;
        } else if (tableBytes == 0) {
            tableAllot = 0;
        } else if (tableBytes <= avail / 2) {
            tableAllot = tableBytes;
        } else if (answerBytes <= avail / 2) {
            tableAllot = avail - answerBytes;
        } else {
            tableAllot = avail / 2;
        }
        int answerAllot = avail - tableAllot;

        int shownRows = 0;
        if (!findings.isEmpty() && bytes(tableHead) <= tableAllot) {
            int used = bytes(tableHead);
            while (shownRows < rows.size() && used + bytes(rows.get(shownRows)) <= tableAllot) {
                used += bytes(rows.get(shownRows));
                shownRows++;
            }
        }
        String answerPart = answerBytes <= answerAllot ? answerFull : "";
        int shownAnswerChars = answerBytes <= answerAllot ? answer.length() : 0;
        if (answerBytes > answerAllot) {
            shownAnswerChars = longestAnswerPrefix(answer, answerAllot);
            answerPart = shownAnswerChars > 0 ? answerSection(answer, shownAnswerChars, true) : "";
        }

        List<String> missing = new ArrayList<>();
        if (shownRows < rows.size()) {
            missing.add((rows.size() - shownRows) + " of " + rows.size() + " findings");
        }
        if (shownAnswerChars < answer.length()) {
            missing.add((answer.length() - shownAnswerChars) + " of " + answer.length() + " characters of the answer");
        }
        String note = missing.isEmpty() ? ""
                : "_Truncated to stay within " + limitName + ": " + String.join(" and ", missing)
                        + " are not shown here._\n\n";
        String result = header + answerPart + table(tableHead, rows, shownRows) + note + footer;
        return MarkdownText.truncateUtf8(result, maxBytes);
    }

    private static int longestAnswerPrefix(String answer, int allot) {
        int lo = 1;
        int hi = answer.length();
        int best = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cut = safeCut(answer, mid);
            if (cut > 0 && bytes(answerSection(answer, cut, true)) <= allot) {
                best = cut;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        // Prefer ending at a line break when one is reasonably close.
        int nl = answer.lastIndexOf('\n', Math.max(0, best - 1));
        if (best < answer.length() && nl > best * 4 / 5) {
            best = nl;
        }
        return best;
    }

    private static int safeCut(String s, int index) {
        return index > 0 && index < s.length() && Character.isLowSurrogate(s.charAt(index)) ? index - 1 : index;
    }

    private static String answerSection(String answer, int chars, boolean truncated) {
        if (answer.isBlank() || chars <= 0) {
            return "";
        }
        String body = MarkdownText.block(answer.substring(0, chars));
        if (body.isEmpty()) {
            return "";
        }
        return "### Answer\n\n" + body + "\n\n" + (truncated ? "_\u2026 (answer truncated)_\n\n" : "");
    }

    private static String tableHead(String title, int count) {
        String t = title == null || title.isBlank() ? "Findings" : title;
        return "### " + MarkdownText.plain(t) + " (" + count + ")\n\n"
                + "| Severity | Location | Finding |\n| --- | --- | --- |\n";
    }

    private static String table(String head, List<String> rows, int shown) {
        if (shown <= 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder(head);
        for (int i = 0; i < shown; i++) {
            sb.append(rows.get(i));
        }
        return sb.append('\n').toString();
    }

    private static String row(ReviewFinding f) {
        String location = Findings.location(f);
        String title = f.title() == null ? "" : "**" + MarkdownText.plain(f.title(), 200) + "**: ";
        return "| " + f.severity().label() + " | " + (location.isEmpty() ? "" : MarkdownText.plain(location, 300))
                + " | " + title + MarkdownText.plain(f.message(), MAX_CELL_CHARS) + " |\n";
    }

    private static String footer(ReportContent content) {
        RunStats s = content.stats();
        List<String> parts = new ArrayList<>();
        if (s.model() != null && !s.model().isBlank()) {
            parts.add("Model: " + MarkdownText.plain(s.model(), 100));
        }
        if (s.modelCalls() != null) {
            parts.add("Model calls: " + s.modelCalls());
        }
        if (s.inputTokens() != null || s.outputTokens() != null) {
            parts.add("Tokens: " + count(s.inputTokens()) + " in / " + count(s.outputTokens()) + " out");
        }
        if (s.duration() != null) {
            parts.add("Duration: " + duration(s.duration()));
        }
        if (content.runUrl() != null && content.runUrl().toString().matches("https?://[^\\s()<>\\[\\]]+")) {
            parts.add("[Workflow run](" + content.runUrl() + ")");
        }
        if (parts.isEmpty()) {
            return "";
        }
        return "---\n<sub>" + String.join(" \u00b7 ", parts) + "</sub>\n";
    }

    private static String count(Long n) {
        return n == null ? "?" : String.format(Locale.ROOT, "%,d", n);
    }

    static String duration(Duration d) {
        long millis = Math.max(0, d.toMillis());
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    private static int bytes(String s) {
        return MarkdownText.utf8Length(s);
    }
}
