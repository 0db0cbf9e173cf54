package dev.copilotci.runner.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * The comment that triggered this run, read from an {@code issue_comment} event on a pull request or a
 * {@code pull_request_review_comment} event. Its body is untrusted text: it goes to the model through the job layer
 * and is never echoed back to GitHub.
 *
 * @param commentId     the comment's id (for the reaction and the reply)
 * @param pullRequest   the pull request's number
 * @param body          the comment's text (untrusted)
 * @param reviewComment {@code true} for a review comment on a diff line (replies go into its thread)
 */
public record TriggerComment(long commentId, int pullRequest, String body, boolean reviewComment) {

    /** The default {@code trigger-phrase}. */
    public static final String DEFAULT_PHRASE = "/copilot";

    /** What a matching comment asks for: the word after the phrase decides, the rest is the question. */
    public enum Kind { REVIEW, EXPLAIN, QUESTION }

    /** @param question the comment's text after the phrase (untrusted; empty for review and explain) */
    public record Request(Kind kind, String question) {
    }

    /** Empty unless the event is a new comment on a pull request with a usable id and body. */
    public static Optional<TriggerComment> fromEvent(String eventName, JsonNode payload) {
        if (payload == null || eventName == null) {
            return Optional.empty();
        }
        if (payload.has("action") && !payload.path("action").asText().equals("created")) {
            return Optional.empty(); // an edit or a deletion would answer the same comment again
        }
        JsonNode comment = payload.path("comment");
        JsonNode number;
        boolean review;
        if (eventName.equals("issue_comment")) {
            // An issue comment is on a pull request only when the issue carries a pull_request object.
            if (!payload.path("issue").path("pull_request").isObject()) {
                return Optional.empty();
            }
            number = payload.path("issue").path("number");
            review = false;
        } else if (eventName.equals("pull_request_review_comment")) {
            number = payload.path("pull_request").path("number");
            review = true;
        } else {
            return Optional.empty();
        }
        if (!comment.path("id").canConvertToLong() || comment.path("id").asLong() < 1
                || !number.canConvertToInt() || number.asInt() < 1 || !comment.path("body").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new TriggerComment(comment.get("id").asLong(), number.asInt(),
                comment.get("body").asText(), review));
    }

    /**
     * What the comment asks for, or empty when it does not start with {@code phrase} followed by a space, a line
     * break or its end (so {@code /copilotx} is not a trigger).
     */
    public Optional<Request> request(String phrase) {
        String p = phrase == null || phrase.isBlank() ? DEFAULT_PHRASE : phrase.strip();
        String text = body.stripLeading();
        if (!text.startsWith(p) || text.length() > p.length() && !Character.isWhitespace(text.charAt(p.length()))) {
            return Optional.empty();
        }
        String rest = text.substring(p.length()).strip();
        String first = rest.split("\\s+", 2)[0];
        if (first.equals("review") && rest.equals("review")) {
            return Optional.of(new Request(Kind.REVIEW, ""));
        }
        if (first.equals("explain") && rest.equals("explain")) {
            return Optional.of(new Request(Kind.EXPLAIN, ""));
        }
        return Optional.of(new Request(Kind.QUESTION, rest));
    }
}
