package dev.copilotci.job;

import java.util.List;
import java.util.Optional;

/**
 * "Fail (or mark unstable) when a finding is at least this severe": the runner's {@code --fail-on} and Jenkins'
 * {@code unstableOn} are the same rule.
 */
public record FindingsThreshold(Severity severity) {

    /** The threshold named by {@code text}, or empty for {@code null}/blank; a wrong name says what is accepted. */
    public static Optional<FindingsThreshold> parse(String text, String optionName) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new FindingsThreshold(Severity.tryParse(text).orElseThrow(() ->
                new IllegalArgumentException(optionName + " must be a severity: error, warning or notice, not '"
                        + text.strip() + "'"))));
    }

    /** How many findings reach the threshold. */
    public long reachedBy(List<ReviewFinding> findings) {
        return findings.stream().filter(f -> f.severity().atLeast(severity)).count();
    }

    /** The line that says why the job fails (or is unstable), or empty when no finding reaches the threshold. */
    public Optional<String> verdict(List<ReviewFinding> findings, String consequence) {
        long n = reachedBy(findings);
        return n == 0 ? Optional.empty()
                : Optional.of(n + " finding(s) at or above " + severity.label() + ": " + consequence);
    }
}
