package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.job.ReviewFinding;
import dev.copilotci.job.JobOutput;
import dev.copilotci.job.Severity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepSummaryTest {

    @TempDir
    Path dir;

    private static final RunStats STATS = new RunStats("gpt-5", 3, 12_345L, 678L, Duration.ofMillis(83_400));
    /** The job's secrets, as the runner's boundary knows them. */
    private static final JobOutput OUTPUT = JobOutput.masking(List.of("sk-live-1234-abcd"), line -> { });

    private static ReportContent report(String heading, String answer, List<ReviewFinding> findings, RunStats stats,
            URI runUrl) {
        return ReportContent.of(OUTPUT, heading, answer, findings, stats, runUrl);
    }

    @Test
    void rendersAnswerFindingsTableAndFooter() throws Exception {
        List<ReviewFinding> findings = List.of(
                new ReviewFinding("src/A.java", 12, Severity.WARNING, "Possible NPE | when x is null\nsecond line",
                        "Null check"),
                new ReviewFinding("src/B.java", 3, Severity.ERROR, "SQL built from <input>", null),
                new ReviewFinding(null, 0, Severity.NOTICE, "General remark", null));
        ReportContent content = report("Copilot review", "Looks **mostly** fine.", findings, STATS,
                URI.create("https://github.com/o/r/actions/runs/1/attempts/2"));
        Path file = dir.resolve("summary.md");
        int written = new StepSummary(file).append(content);
        String md = Files.readString(file);
        assertEquals(md.getBytes(StandardCharsets.UTF_8).length, written);

        String html = HtmlOracle.html(md);
        assertTrue(html.contains("<h2>Copilot review</h2>"), html);
        assertTrue(html.contains("<p>Looks <strong>mostly</strong> fine.</p>"), html);
        // Most severe first, one row per finding, three cells per row.
        List<String> rows = rowsOf(html);
        assertEquals(3, rows.size(), html);
        assertTrue(rows.get(0).startsWith("<td>error</td><td>src/B.java:3</td><td>SQL built from &lt;input&gt;</td>"),
                rows.get(0));
        assertTrue(rows.get(1).contains("<td>src/A.java:12</td><td><strong>Null check</strong>: Possible NPE | when x "
                + "is null second line</td>"), rows.get(1));
        assertTrue(rows.get(2).startsWith("<td>notice</td><td></td>"), rows.get(2));
        assertTrue(html.contains("Model: gpt-5"), html);
        assertTrue(html.contains("Tokens: 12,345 in / 678 out"), html);
        assertTrue(html.contains("Duration: 1 min 23 s"), html);
        assertTrue(html.contains("<a href=\"https://github.com/o/r/actions/runs/1/attempts/2\">Workflow run</a>"), html);
        assertNoForeignHtml(html);
    }

    @Test
    void modelTextCannotInjectHtmlOrBreakTheTable() {
        List<ReviewFinding> findings = List.of(new ReviewFinding("a|b.java", 1, Severity.ERROR,
                "x | y | z\n| --- |\n<script>alert(1)</script><img src=x onerror=alert(1)>", "<b>t</b> | u"));
        String md = ReportMarkdown.render(report("h", "<script>alert(1)</script>\n<iframe src=x>", findings,
                STATS, null), 100_000, "limit", "Findings");
        String html = HtmlOracle.html(md);
        assertNoForeignHtml(html);
        List<String> rows = rowsOf(html);
        assertEquals(1, rows.size(), html);
        assertEquals(3, rows.get(0).split("<td>", -1).length - 1, rows.get(0));
    }

    @Test
    void staysWithinOneMibMeasuredInUtf8Bytes() throws Exception {
        // 3-byte characters: 600k chars are 1.8 MB but only 600 KB in UTF-16 terms.
        String answer = ("\u20ac".repeat(99) + "\n").repeat(6_000);
        List<ReviewFinding> findings = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            findings.add(new ReviewFinding("src/F" + i + ".java", i + 1, Severity.WARNING, "finding " + i + " \u00e9".repeat(20),
                    null));
        }
        Path file = dir.resolve("summary.md");
        int written = new StepSummary(file).append(report("big", answer, findings, STATS, null));
        long size = Files.size(file);
        assertEquals(written, size);
        assertTrue(size <= StepSummary.MAX_BYTES, "size " + size);
        assertTrue(size > StepSummary.MAX_BYTES - 8 * 1024, "uses the budget, size " + size);
        String md = Files.readString(file);
        assertTrue(md.contains("_Truncated to stay within GitHub's 1 MiB step summary limit: "), md.substring(0, 200));
        assertTrue(md.contains("of 20000 findings"), "counts the dropped rows");
        assertTrue(md.contains("characters of the answer"), "counts the dropped answer");
        assertTrue(md.contains("Model: gpt\\-5"), "footer survives truncation");
    }

    @Test
    void truncatedAnswerStillClosesItsCodeFence() {
        String answer = "intro\n```java\n" + "int x = 1; // <b>\n".repeat(100_000) + "```\nafter <script>";
        String md = ReportMarkdown.render(report("h", answer, List.of(), STATS, null), 200_000, "limit",
                "Findings");
        assertTrue(MarkdownText.utf8Length(md) <= 200_000);
        String html = HtmlOracle.html(md);
        assertTrue(html.contains("(answer truncated)"), "note after the closed fence is rendered as text");
        assertTrue(html.contains("Model: gpt-5"), "footer is outside the code block");
        assertNoForeignHtml(html);
    }

    @Test
    void respectsWhatIsAlreadyInTheFile() throws Exception {
        Path file = dir.resolve("summary.md");
        byte[] earlier = new byte[StepSummary.MAX_BYTES - 100_000];
        java.util.Arrays.fill(earlier, (byte) 'x');
        Files.write(file, earlier);
        new StepSummary(file).append(report("h", "y".repeat(300_000), List.of(), STATS, null));
        assertTrue(Files.size(file) <= StepSummary.MAX_BYTES, "size " + Files.size(file));
        assertTrue(Files.size(file) > earlier.length + 50_000);
    }

    @Test
    void writesNothingWhenTheFileIsFull() throws Exception {
        Path file = dir.resolve("summary.md");
        Files.write(file, new byte[StepSummary.MAX_BYTES - 10]);
        assertEquals(0, new StepSummary(file).append(report("h", "answer", List.of(), STATS, null)));
        assertEquals(StepSummary.MAX_BYTES - 10, Files.size(file));
    }

    @Test
    void aReportHoldsNoSecretOfTheJob() {
        ReportContent content = report("h", "key is sk-live-1234-abcd",
                List.of(new ReviewFinding("a", 1, Severity.ERROR, "leaks sk-live-1234-abcd", "sk-live-1234-abcd")),
                STATS, null);
        String md = ReportMarkdown.render(content, 100_000, "limit", "Findings");
        assertFalse(md.contains("sk-live-1234-abcd"));
        assertFalse(md.contains("sk\\-live\\-1234\\-abcd"), "not even in escaped form");
        assertTrue(md.contains("\\*\\*\\*\\*"), md);
    }

    @Test
    void smallBudgetsNeverOverflow() {
        ReportContent content = report("heading", "answer ".repeat(1000),
                List.of(new ReviewFinding("a", 1, Severity.ERROR, "m".repeat(5000), null)), STATS, null);
        for (int budget : new int[] {0, 10, 100, 600, 1000, 2000, 5000}) {
            String md = ReportMarkdown.render(content, budget, "limit", "Findings");
            assertTrue(MarkdownText.utf8Length(md) <= budget, budget + ": " + md.length());
        }
    }

    private static List<String> rowsOf(String html) {
        List<String> rows = new ArrayList<>();
        String body = html.substring(html.indexOf("<tbody>") + 7, html.indexOf("</tbody>"));
        for (String tr : body.split("<tr>")) {
            String t = tr.replace("</tr>", "").replace("\n", "").strip();
            if (!t.isEmpty()) {
                rows.add(t);
            }
        }
        return rows;
    }

    private static void assertNoForeignHtml(String html) {
        Set<String> foreign = new HashSet<>(HtmlOracle.elements(html));
        foreign.removeAll(HtmlOracle.MARKDOWN_ELEMENTS);
        assertTrue(foreign.isEmpty(), foreign + " in " + html);
        Set<String> attributes = new HashSet<>(HtmlOracle.attributes(html));
        attributes.removeAll(Set.of("href", "src", "alt", "title", "class", "align"));
        assertTrue(attributes.isEmpty(), attributes + " in " + html);
    }
}
