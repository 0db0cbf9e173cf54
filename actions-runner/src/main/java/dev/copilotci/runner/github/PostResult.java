package dev.copilotci.runner.github;

import java.util.Objects;

/**
 * What happened when posting to a pull request. Posting never throws for HTTP or permission problems: the caller
 * prints {@link #describe()} as a {@code ::notice::} ({@link Outcome#SKIPPED}) or {@code ::warning::}
 * ({@link Outcome#FAILED}) and carries on. The detail never contains the token.
 *
 * @param outcome what happened
 * @param detail  human-readable reason or summary
 * @param htmlUrl link to the comment or review, or {@code null}
 */
public record PostResult(Outcome outcome, String detail, String htmlUrl) {

    public enum Outcome {
        /** A new comment or review was created. */
        CREATED,
        /** The sticky comment was updated in place. */
        UPDATED,
        /** Not posted, by design: no PR event, fork, no token, no permission (403/404), mode none. */
        SKIPPED,
        /** Not posted because of an unexpected error (timeout, 5xx, 401, 422, bad event payload). */
        FAILED
    }

    public PostResult {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    static PostResult skipped(String why) {
        return new PostResult(Outcome.SKIPPED, why, null);
    }

    static PostResult failed(String why) {
        return new PostResult(Outcome.FAILED, why, null);
    }

    public boolean posted() {
        return outcome == Outcome.CREATED || outcome == Outcome.UPDATED;
    }

    /** One line for the log, e.g. "skipped: pull request from a fork (read-only token)". */
    public String describe() {
        String prefix = switch (outcome) {
            case CREATED -> "posted";
            case UPDATED -> "updated";
            case SKIPPED -> "skipped";
            case FAILED -> "failed";
        };
        String text = detail.isEmpty() ? prefix : prefix + ": " + detail;
        return htmlUrl == null ? text : text + " (" + htmlUrl + ")";
    }
}
