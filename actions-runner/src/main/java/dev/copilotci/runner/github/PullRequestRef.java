package dev.copilotci.runner.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Optional;

/**
 * The pull request an event is about, read from the event payload ({@code $GITHUB_EVENT_PATH}).
 *
 * @param number   the pull request (= issue) number
 * @param headSha  the commit review comments are anchored to
 * @param headRepo full name of the head repository, or {@code null} when it was deleted
 * @param baseRepo full name of the base repository
 */
public record PullRequestRef(int number, String headSha, String headRepo, String baseRepo) {

    /** Empty when the payload has no usable {@code pull_request} object. */
    public static Optional<PullRequestRef> fromEvent(JsonNode event) {
        JsonNode pr = event == null ? null : event.get("pull_request");
        if (pr == null || !pr.isObject()) {
            return Optional.empty();
        }
        JsonNode number = pr.get("number");
        if (number == null || !number.canConvertToInt() || number.asInt() < 1) {
            return Optional.empty();
        }
        String headSha = pr.path("head").path("sha").asText(null);
        String headRepo = pr.path("head").path("repo").path("full_name").asText(null);
        String baseRepo = pr.path("base").path("repo").path("full_name").asText(null);
        return Optional.of(new PullRequestRef(number.asInt(), headSha, headRepo, baseRepo));
    }

    /** A PR whose head lives in another repository (or a deleted one) gets a read-only token and no secrets. */
    public boolean fromFork() {
        return headRepo == null || baseRepo == null
                || !headRepo.toLowerCase(Locale.ROOT).equals(baseRepo.toLowerCase(Locale.ROOT));
    }
}
