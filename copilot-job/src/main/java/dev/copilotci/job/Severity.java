package dev.copilotci.job;

import dev.copilotci.client.text.UntrustedText;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How serious a review finding is; declared from least to most severe. The three levels match GitHub annotation
 * levels ({@code notice}, {@code warning}, {@code error}) and map onto Jenkins results (ERROR/WARNING may mark a
 * build UNSTABLE above a threshold).
 */
public enum Severity {
    /** Minor improvement, style, suggestion, nit. */
    NOTICE,
    /** Likely problem or risky code. */
    WARNING,
    /** Bug, security issue, crash, data loss. */
    ERROR;

    private static final Map<String, Severity> WORDS = Map.ofEntries(
            Map.entry("error", ERROR), Map.entry("errors", ERROR), Map.entry("err", ERROR),
            Map.entry("critical", ERROR), Map.entry("crit", ERROR), Map.entry("blocker", ERROR),
            Map.entry("blocking", ERROR), Map.entry("high", ERROR), Map.entry("major", ERROR),
            Map.entry("severe", ERROR), Map.entry("fatal", ERROR), Map.entry("serious", ERROR),
            Map.entry("bug", ERROR), Map.entry("security", ERROR), Map.entry("p0", ERROR), Map.entry("p1", ERROR),
            Map.entry("warning", WARNING), Map.entry("warnings", WARNING), Map.entry("warn", WARNING),
            Map.entry("medium", WARNING), Map.entry("moderate", WARNING), Map.entry("minor", WARNING),
            Map.entry("normal", WARNING), Map.entry("p2", WARNING),
            Map.entry("notice", NOTICE), Map.entry("note", NOTICE), Map.entry("info", NOTICE),
            Map.entry("information", NOTICE), Map.entry("informational", NOTICE), Map.entry("low", NOTICE),
            Map.entry("suggestion", NOTICE), Map.entry("suggest", NOTICE), Map.entry("nit", NOTICE),
            Map.entry("nitpick", NOTICE), Map.entry("trivial", NOTICE), Map.entry("style", NOTICE),
            Map.entry("optional", NOTICE), Map.entry("hint", NOTICE), Map.entry("tip", NOTICE),
            Map.entry("p3", NOTICE), Map.entry("p4", NOTICE));

    /** Whether this is as severe as {@code threshold} or more. */
    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }

    /** Lower-case name: {@code notice}, {@code warning}, {@code error} (also the GitHub annotation command). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a severity word, case-insensitively, ignoring punctuation and emoji around it: high/critical/major/
     * blocker → ERROR, medium/moderate/minor → WARNING, low/info/suggestion/nit → NOTICE, plus the names themselves.
     * For compound words ("medium-high") the first known word counts.
     *
     * @throws IllegalArgumentException for blank or unknown input, listing the accepted values
     */
    public static Severity parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("Unknown severity '"
                + UntrustedText.singleLine(text == null ? "" : text, 40)
                + "': use error, warning or notice (also high/critical/major, medium/minor, low/info/suggestion/nit)"));
    }

    /** Like {@link #parse(String)} but empty for blank or unknown input. */
    public static Optional<Severity> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        Severity whole = WORDS.get(lower.replaceAll("[^a-z0-9]", ""));
        if (whole != null) {
            return Optional.of(whole);
        }
        for (String word : lower.split("[^a-z0-9]+")) {
            Severity s = WORDS.get(word);
            if (s != null) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Lenient parse for model output: {@code fallback} for blank or unknown input. */
    public static Severity parseOrDefault(String text, Severity fallback) {
        return tryParse(text).orElse(fallback);
    }
}
