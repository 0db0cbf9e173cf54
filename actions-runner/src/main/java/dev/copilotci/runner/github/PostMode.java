package dev.copilotci.runner.github;

import java.util.Locale;

/** {@code --post none|comment|review}. */
public enum PostMode {
    /** Post nothing (default). */
    NONE,
    /** One sticky issue comment on the pull request, updated in place on later runs. */
    COMMENT,
    /** A pull-request review (event COMMENT, never APPROVE) with inline comments on lines of the diff. */
    REVIEW;

    /** Parses the CLI/action value; blank means {@link #NONE}. */
    public static PostMode parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "comment" -> COMMENT;
            case "review" -> REVIEW;
            default -> throw new IllegalArgumentException("--post must be none, comment or review");
        };
    }
}
