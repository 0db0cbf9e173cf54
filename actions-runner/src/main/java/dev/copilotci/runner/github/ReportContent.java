package dev.copilotci.runner.github;

import dev.copilotci.job.ReviewFinding;
import dev.copilotci.client.text.SecretMasker;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What a run reports, independent of where (step summary, PR comment, PR review). {@code answer} and the findings
 * are untrusted model text; renderers escape them.
 *
 * @param heading  our own title, e.g. "Copilot review"
 * @param answer   the model's answer (Markdown), may be empty
 * @param findings structured findings, may be empty
 * @param stats    footer data, never {@code null}
 * @param runUrl   link to the workflow run, or {@code null}
 * @param scope    our own line saying what was looked at (reviews: range, files, model, outcome), or {@code null}
 */
public record ReportContent(String heading, String answer, List<ReviewFinding> findings, RunStats stats, URI runUrl,
                            String scope) {

    public ReportContent(String heading, String answer, List<ReviewFinding> findings, RunStats stats, URI runUrl) {
        this(heading, answer, findings, stats, runUrl, null);
    }

    public ReportContent {
        heading = heading == null || heading.isBlank() ? "Copilot" : heading;
        scope = scope == null || scope.isBlank() ? null : scope;
        answer = answer == null ? "" : answer;
        findings = List.copyOf(Objects.requireNonNullElse(findings, List.of()));
        stats = Objects.requireNonNullElse(stats, RunStats.unknown());
    }

    /** The same content with every known secret in the model's text replaced. */
    public ReportContent masked(SecretMasker masker) {
        if (masker == null || masker.isEmpty()) {
            return this;
        }
        List<ReviewFinding> maskedFindings = findings.stream().map(f -> Findings.masked(f, masker)).toList();
        return new ReportContent(heading, masker.mask(answer), maskedFindings, stats, runUrl,
                scope == null ? null : masker.mask(scope));
    }
}
