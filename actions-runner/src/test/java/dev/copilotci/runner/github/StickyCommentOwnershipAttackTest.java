package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.copilotci.runner.github.PosterFixture.JOB_TOKEN_FORBIDDEN;
import static dev.copilotci.runner.github.PosterFixture.REPO;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The attacker comments on the pull request first, with our hidden sticky marker at the start of the body, hoping
 * the action edits that comment (the report would then appear under the attacker's name, and the attacker could
 * edit it afterwards). Only a comment written by the token's own identity may be edited.
 */
@Timeout(60)
class StickyCommentOwnershipAttackTest {

    private static final String MARKER = "<!-- copilot-ci:ci/review -->";
    private static final String COMMENTS = "GET " + REPO + "/issues/5/comments?per_page=100";

    @RegisterExtension
    final PosterFixture github = new PosterFixture();

    @BeforeEach
    void start() {
        github.on("POST " + REPO + "/issues/5/comments", FakeGithubApi.Response.json(201, "{\"id\":100}"));
        github.on("PATCH " + REPO + "/issues/comments/7", FakeGithubApi.Response.json(200, "{\"id\":7}"));
        github.on("PATCH " + REPO + "/issues/comments/8", FakeGithubApi.Response.json(200, "{\"id\":8}"));
    }

    private static String comment(long id, String login, String type) {
        return "{\"id\":" + id + ",\"user\":{\"login\":\"" + login + "\",\"type\":\"" + type + "\"},\"body\":\""
                + MARKER.replace("\"", "\\\"") + "\\nreport\"}";
    }

    private PostResult post() {
        return github.poster().post(PostMode.COMMENT, "ci/review", PosterFixture.report("fine", List.of()));
    }

    private List<String> writes() {
        return github.requests().stream().filter(r -> !r.method().equals("GET"))
                .map(r -> r.method() + " " + r.pathAndQuery()).toList();
    }

    @Test
    void aMarkerPlantedByAnotherUserIsIgnoredAndANewCommentIsCreated() throws Exception {
        github.on("GET /user", FakeGithubApi.Response.json(403, JOB_TOKEN_FORBIDDEN));
        github.on(COMMENTS, FakeGithubApi.Response.json(200, "[" + comment(7, "mallory", "User") + "]"));

        PostResult result = post();

        assertEquals(PostResult.Outcome.CREATED, result.outcome(), result.describe());
        assertEquals(List.of("POST " + REPO + "/issues/5/comments"), writes(), "mallory's comment left alone");
    }

    @Test
    void aMarkerPlantedByAnotherBotIsIgnoredAndOurOwnIsEdited() throws Exception {
        github.on("GET /user", FakeGithubApi.Response.json(403, JOB_TOKEN_FORBIDDEN));
        github.on(COMMENTS, FakeGithubApi.Response.json(200, "[" + comment(7, "evil-app[bot]", "Bot") + ","
                + comment(8, "github-actions[bot]", "Bot") + "]"));

        PostResult result = post();

        assertEquals(PostResult.Outcome.UPDATED, result.outcome(), result.describe());
        assertEquals(List.of("PATCH " + REPO + "/issues/comments/8"), writes());
    }

    @Test
    void withAPersonalTokenTheApiReportedLoginOwnsTheComment() throws Exception {
        github.on("GET /user", FakeGithubApi.Response.json(200, "{\"login\":\"Octo-Bot-User\",\"type\":\"User\"}"));
        github.on(COMMENTS, FakeGithubApi.Response.json(200, "[" + comment(7, "github-actions[bot]", "Bot") + ","
                + comment(8, "octo-bot-user", "User") + "]"));

        PostResult result = post();

        assertEquals(PostResult.Outcome.UPDATED, result.outcome(), result.describe());
        assertEquals(List.of("PATCH " + REPO + "/issues/comments/8"), writes(),
                "the job bot's comment is not ours when we post as a user; logins compare case-insensitively");
    }

    @Test
    void whenTheIdentityCannotBeReadNothingIsEdited() throws Exception {
        github.on("GET /user", FakeGithubApi.Response.json(401, "{\"message\":\"Bad credentials\"}"));
        github.on(COMMENTS, FakeGithubApi.Response.json(200, "[" + comment(8, "github-actions[bot]", "Bot") + "]"));

        PostResult result = post();

        assertEquals(PostResult.Outcome.FAILED, result.outcome(), result.describe());
        assertTrue(result.describe().contains("find out who the token writes as"), result.describe());
        assertEquals(List.of(), writes());
    }
}
