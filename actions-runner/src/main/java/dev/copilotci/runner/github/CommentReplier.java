package dev.copilotci.runner.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers a {@link TriggerComment} where it was asked: the 👀 reaction when work starts, then the reply — a new
 * issue comment on the pull request, or a reply in the review comment's thread. The reply is rendered through
 * {@link ReportMarkdown} (inert Markdown); the trigger's own text is never quoted back. Like
 * {@link PullRequestPoster}, it never throws for HTTP problems: a {@link PostResult} says what happened.
 */
public final class CommentReplier {
    private static final int OVERALL_TIMEOUT_FACTOR = 4;

    private final GithubEnvironment env;
    private final GithubToken token;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    public CommentReplier(GithubEnvironment env, GithubToken token, Duration timeout) {
        this.env = Objects.requireNonNull(env, "env");
        this.token = token;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Adds 👀 to the triggering comment, so its author sees the run started. */
    public PostResult react(TriggerComment comment) {
        String path = "/repos/" + env.repository() + (comment.reviewComment() ? "/pulls" : "/issues")
                + "/comments/" + comment.commentId() + "/reactions";
        return send("add the reaction", path, json.createObjectNode().put("content", "eyes"),
                "reaction on the comment");
    }

    /** Posts {@code content} (cleaned and masked already: {@link ReportContent#of}) as the reply, rendered inert. */
    public PostResult reply(TriggerComment comment, ReportContent content) {
        String body = ReportMarkdown.render(content, PullRequestPoster.MAX_BODY_BYTES - 200,
                PullRequestPoster.LIMIT_NAME, "Findings");
        if (!comment.reviewComment() && env.hasValidRepository()) {
            // A new comment is not in a thread: link the question, built from our own values (never the payload's
            // URL), and never quote its text.
            body = "In reply to [this comment](" + GithubEnvironment.stripTrailingSlash(env.serverUrl().toString())
                    + "/" + env.repository() + "/pull/" + comment.pullRequest() + "#issuecomment-"
                    + comment.commentId() + ")\n\n" + body;
        }
        ObjectNode payload = json.createObjectNode().put("body", body);
        String repo = "/repos/" + env.repository();
        return comment.reviewComment()
                ? send("reply in the review thread", repo + "/pulls/" + comment.pullRequest() + "/comments/"
                        + comment.commentId() + "/replies", payload, "reply in the review thread on pull request #"
                        + comment.pullRequest())
                : send("reply on the pull request", repo + "/issues/" + comment.pullRequest() + "/comments",
                        payload, "reply on pull request #" + comment.pullRequest());
    }

    private PostResult send(String step, String path, JsonNode payload, String what) {
        Optional<String> unusable = unusable();
        if (unusable.isPresent()) {
            return PostResult.skipped(unusable.get());
        }
        GithubApi api = new GithubApi(env.apiUrl(), token, GithubApi.newHttpClient(timeout), timeout,
                Instant.now().plus(timeout.multipliedBy(OVERALL_TIMEOUT_FACTOR)), json);
        try {
            JsonNode created = api.call("POST", path, payload);
            return new PostResult(PostResult.Outcome.CREATED, what, PullRequestPoster.url(created));
        } catch (GithubApiException e) {
            return e.status() == 403 || e.status() == 404
                    ? PostResult.skipped("no permission to " + step + " (" + e.getMessage()
                            + "); the job needs `permissions: pull-requests: write` and `issues: write`")
                    : PostResult.failed("could not " + step + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            return PostResult.failed("could not " + step + " (" + api.describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PostResult.failed("interrupted while trying to " + step);
        }
    }

    private Optional<String> unusable() {
        if (token == null) {
            return Optional.of("no GitHub token (pass the github-token input or set GITHUB_TOKEN)");
        }
        if (!env.hasValidRepository()) {
            return Optional.of("GITHUB_REPOSITORY is missing or malformed");
        }
        return GithubApi.unsafeTransport(env.apiUrl());
    }
}
