package dev.copilotci.job;

import dev.copilotci.client.text.SecretMasker;
import dev.copilotci.client.text.UntrustedText;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one boundary between what the model (or the server, or a build log) says and what a front end prints, posts
 * or returns. Order matters: text is <em>cleaned first</em> (escape sequences, control, zero-width and bidi
 * characters removed) and <em>masked second</em>, so a token split by an invisible character is joined back before the
 * masker looks for it; masking first would let cleaning rebuild the token after the masker had passed.
 *
 * <p>Progress lines go to the front end's sink already cleaned and masked; the sink only adds its own framing (the
 * Jenkins {@code [copilot]} prefix, the runner's workflow-command neutralisation).
 */
public final class JobOutput {
    private final SecretMasker masker;
    private final Consumer<String> sink;

    public JobOutput(SecretMasker masker, Consumer<String> sink) {
        this.masker = Objects.requireNonNull(masker, "masker");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** A boundary that masks the given secret values (see {@link SecretMasker} for which count). */
    public static JobOutput masking(Collection<String> secrets, Consumer<String> sink) {
        return new JobOutput(SecretMasker.of(secrets), sink);
    }

    /** Untrusted text (a model answer, an error message, a log line) made safe to print: cleaned, then masked. */
    public String safe(String untrusted) {
        return masker.mask(UntrustedText.forLog(untrusted));
    }

    /**
     * A review finding made safe to show or post: file, title and message cleaned, then masked. A suggestion is code
     * someone may commit with one click, so it is never masked into {@code ****}: if its cleaned replacement holds a
     * secret the suggestion is dropped; otherwise it is kept with the cleaned replacement (the text that is shown).
     */
    public ReviewFinding safe(ReviewFinding finding) {
        ReviewSuggestion suggestion = finding.suggestion();
        if (suggestion != null) {
            String cleaned = UntrustedText.forLog(suggestion.replacement());
            suggestion = !masker.mask(cleaned).equals(cleaned) ? null : cleaned.equals(suggestion.replacement())
                    ? suggestion : new ReviewSuggestion(suggestion.startLine(), suggestion.endLine(), cleaned);
        }
        return new ReviewFinding(safe(finding.file()), finding.line(), finding.severity(), safe(finding.message()),
                safe(finding.title()), finding.inDiff(), suggestion);
    }

    /** One line of the job's text that goes <em>to</em> the model (a prompt): the job's secrets never reach it. */
    public String toModel(String prompt) {
        return masker.mask(prompt);
    }

    /** Prints one progress line (or several, split at line breaks by the sink's owner), cleaned and masked. */
    public void line(String text) {
        sink.accept(safe(text));
    }

    public SecretMasker masker() {
        return masker;
    }
}
