package dev.copilotci.job;

import java.util.List;
import java.util.Optional;

/**
 * One code review, the same wherever it runs (Jenkins step, runner): the diff fitted to the budget, the prompt to
 * send, and the model's answer turned into findings checked against the diff.
 */
public final class ReviewTask {
    private final DiffFiles files;
    private final ReviewDiff diff;

    private ReviewTask(String rawDiff, ReviewDiff diff) {
        this.files = DiffFiles.parse(rawDiff);
        this.diff = diff;
    }

    /** The review of a unified diff, or empty when there are no changes to review. */
    public static Optional<ReviewTask> of(String rawDiff) {
        ReviewDiff fitted = ReviewDiff.of(rawDiff == null ? "" : rawDiff);
        return fitted.isEmpty() ? Optional.empty() : Optional.of(new ReviewTask(rawDiff, fitted));
    }

    public String prompt() {
        return ReviewPrompt.build(diff);
    }

    /** How many files the diff changes (all of them, also those cut to fit the budget). */
    public int fileCount() {
        return files.files().size();
    }

    /** What was cut or skipped to fit the budget (binary files, long files), for the log. */
    public List<String> notes() {
        return diff.notes();
    }

    /**
     * The findings in the model's answer (structured if it followed the format, else plain commentary), each marked
     * whether its location is in the diff. Pass the answer with secrets already masked: everything derives from it.
     */
    public ParsedReview interpret(String answer) {
        ParsedReview parsed = ReviewFindingsParser.parse(answer);
        return new ParsedReview(files.validate(parsed.findings()), parsed.structured(), parsed.commentary());
    }

    /**
     * As {@link #interpret(String)}, with every finding passed through {@code output} ({@link JobOutput#safe(
     * ReviewFinding)}) after parsing: the answer was masked as text, but a JSON escape ({@code \u0067hs_…}) can spell
     * a secret that only parsing makes whole. The commentary is the answer's own text and was masked with it.
     */
    public ParsedReview interpret(String answer, JobOutput output) {
        ParsedReview parsed = interpret(answer);
        return new ParsedReview(parsed.findings().stream().map(output::safe).toList(), parsed.structured(),
                parsed.commentary());
    }
}
