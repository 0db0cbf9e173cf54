package dev.copilotci.runner.github;

import dev.copilotci.job.JobOutput;
import dev.copilotci.job.ReviewFinding;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What a run reports, independent of where (step summary, PR comment, PR review, annotations). A class with a private
 * constructor rather than a record: the only way in is {@link #of}, which passes the model's text through the job
 * layer's {@link JobOutput} boundary (cleaned, then masked), so the GitHub code that renders and posts it holds text
 * that is already safe and needs no masker of its own. Renderers still escape it (it stays untrusted Markdown).
 */
public final class ReportContent {
    private final String heading;
    private final String answer;
    private final List<ReviewFinding> findings;
    private final RunStats stats;
    private final URI runUrl;
    private final String scope;

    private ReportContent(String heading, String answer, List<ReviewFinding> findings, RunStats stats, URI runUrl,
            String scope) {
        this.heading = heading == null || heading.isBlank() ? "Copilot" : heading;
        this.answer = answer;
        this.findings = List.copyOf(findings);
        this.stats = Objects.requireNonNullElse(stats, RunStats.unknown());
        this.runUrl = runUrl;
        this.scope = scope == null || scope.isBlank() ? null : scope;
    }

    /**
     * @param output   the job's output boundary: {@code answer}, {@code findings} and {@code scope} pass it
     * @param heading  our own title, e.g. "Copilot review"
     * @param answer   the model's answer (Markdown), may be empty
     * @param findings structured findings, may be empty
     * @param stats    footer data ({@code null}: unknown)
     * @param runUrl   link to the workflow run, or {@code null}
     * @param scope    what was looked at (reviews: range, file names from the diff, model, outcome), or {@code null}
     */
    public static ReportContent of(JobOutput output, String heading, String answer, List<ReviewFinding> findings,
            RunStats stats, URI runUrl, String scope) {
        List<ReviewFinding> safeFindings = Objects.requireNonNullElse(findings, List.<ReviewFinding>of()).stream()
                .map(output::safe).toList();
        return new ReportContent(heading, output.safe(answer), safeFindings, stats, runUrl,
                scope == null ? null : output.safe(scope));
    }

    /** As {@link #of(JobOutput, String, String, List, RunStats, URI, String)} without a scope line. */
    public static ReportContent of(JobOutput output, String heading, String answer, List<ReviewFinding> findings,
            RunStats stats, URI runUrl) {
        return of(output, heading, answer, findings, stats, runUrl, null);
    }

    /** The same report with only {@code subset} of its (already safe) findings, e.g. those not posted inline. */
    ReportContent withFindingsOnly(List<ReviewFinding> subset) {
        if (!findings.containsAll(subset)) {
            throw new IllegalArgumentException("not this report's findings");
        }
        return new ReportContent(heading, answer, subset, stats, runUrl, scope);
    }

    public String heading() {
        return heading;
    }

    public String answer() {
        return answer;
    }

    public List<ReviewFinding> findings() {
        return findings;
    }

    public RunStats stats() {
        return stats;
    }

    public URI runUrl() {
        return runUrl;
    }

    public String scope() {
        return scope;
    }
}
