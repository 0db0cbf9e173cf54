package dev.copilotci.runner.github;

import dev.copilotci.job.GitCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A pull request as the REST API describes it now ({@code GET /repos/{o}/{r}/pulls/{n}}): what a comment event does
 * not carry (the base and head commits). The answer is GitHub's, but its head is the pull request author's: only
 * well-formed SHAs are kept, and they reach git as revisions, never as options.
 */
public final class PullRequestLookup {

    /**
     * @param number  the pull request's number
     * @param baseSha the base branch's commit the pull request is compared with
     * @param headSha the head commit
     * @param raw     the API's object (the shape a {@code pull_request} event's payload carries)
     */
    public record PullRequest(int number, String baseSha, String headSha, JsonNode raw) {

        /** {@code {"pull_request": raw}} with the head SHA set to {@code head}: an event payload for this PR. */
        public ObjectNode asEventPayload(ObjectMapper json, String head) {
            ObjectNode pr = raw.deepCopy();
            if (pr.path("head").isObject()) {
                ((ObjectNode) pr.get("head")).put("sha", head);
            }
            ObjectNode event = json.createObjectNode();
            event.set("pull_request", pr);
            return event;
        }
    }

    private final GithubEnvironment env;
    private final GithubApi api;

    public PullRequestLookup(GithubEnvironment env, GithubToken token, Duration timeout) {
        Optional<String> unsafe = GithubApi.unsafeTransport(env.apiUrl());
        if (unsafe.isPresent()) {
            throw new IllegalArgumentException(unsafe.get() + " (" + env.apiUrl() + ")");
        }
        if (!env.hasValidRepository()) {
            throw new IllegalArgumentException("GITHUB_REPOSITORY is missing or malformed");
        }
        this.env = env;
        this.api = new GithubApi(env.apiUrl(), token, GithubApi.newHttpClient(timeout), timeout,
                Instant.now().plus(timeout.multipliedBy(2)), new ObjectMapper());
    }

    /** The pull request; an {@link IOException} when the answer lacks a well-formed base or head SHA. */
    public PullRequest read(int number) throws GithubApiException, IOException, InterruptedException {
        JsonNode pr = api.call("GET", "/repos/" + env.repository() + "/pulls/" + number, null);
        String base = sha(pr.path("base").path("sha"));
        String head = sha(pr.path("head").path("sha"));
        if (base == null || head == null) {
            throw new IOException("the API's answer for pull request #" + number + " has no usable base or head SHA");
        }
        return new PullRequest(number, base, head, pr);
    }

    private static String sha(JsonNode node) {
        String s = node.asText("").toLowerCase(Locale.ROOT);
        return GitCommand.isCommitSha(s) ? s : null;
    }
}
