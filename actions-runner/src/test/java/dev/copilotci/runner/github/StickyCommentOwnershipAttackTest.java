package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.text.SecretMasker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacker comments on the pull request first, with our hidden sticky marker at the start of the body, hoping
 * the action edits that comment (the report would then appear under the attacker's name, and the attacker could
 * edit it afterwards). Only a comment written by the token's own identity may be edited.
 */
@Timeout(60)
class StickyCommentOwnershipAttackTest {

    private static final String TOKEN = "ghs_FakeToken0123456789abcdefXYZ";
    private static final String REPO = "/repos/octo/repo";
    private static final String MARKER = "<!-- copilot-ci:ci/review -->";
    private static final String COMMENTS = "GET " + REPO + "/issues/5/comments?per_page=100";
    private static final String JOB_TOKEN_FORBIDDEN =
            "{\"message\":\"Resource not accessible by integration\",\"status\":\"403\"}";

    @TempDir
    Path dir;

    private FakeGithubApi api;

    @BeforeEach
    void start() throws Exception {
        api = new FakeGithubApi();
        api.on("POST " + REPO + "/issues/5/comments", FakeGithubApi.Response.json(201, "{\"id\":100}"));
        api.on("PATCH " + REPO + "/issues/comments/7", FakeGithubApi.Response.json(200, "{\"id\":7}"));
        api.on("PATCH " + REPO + "/issues/comments/8", FakeGithubApi.Response.json(200, "{\"id\":8}"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static String comment(long id, String login, String type) {
        return "{\"id\":" + id + ",\"user\":{\"login\":\"" + login + "\",\"type\":\"" + type + "\"},\"body\":\""
                + MARKER.replace("\"", "\\\"") + "\\nreport\"}";
    }

    private PostResult post() throws Exception {
        Path event = dir.resolve("event.json");
        Files.writeString(event, """
                {"number":5,"pull_request":{"number":5,"head":{"sha":"0123456789abcdef0123456789abcdef01234567",
                 "repo":{"full_name":"octo/repo"}},"base":{"repo":{"full_name":"octo/repo"}}}}""");
        GithubEnvironment env = GithubEnvironment.from(Map.of("GITHUB_EVENT_NAME", "pull_request",
                "GITHUB_EVENT_PATH", event.toString(), "GITHUB_REPOSITORY", "octo/repo",
                "GITHUB_API_URL", api.baseUrl().toString()));
        return new PullRequestPoster(env, GithubToken.of(TOKEN), SecretMasker.of(TOKEN), Duration.ofSeconds(5))
                .post(PostMode.COMMENT, "ci/review", new ReportContent("Copilot review", "fine", List.of(),
                        RunStats.unknown(), null));
    }

    private List<String> writes() {
        return api.requests().stream().filter(r -> !r.method().equals("GET"))
                .map(r -> r.method() + " " + r.pathAndQuery()).toList();
    }

    @Test
    void aMarkerPlantedByAnotherUserIsIgnoredAndANewCommentIsCreated() throws Exception {
        api.on("GET /user", FakeGithubApi.Response.json(403, JOB_TOKEN_FORBIDDEN));
        api.on(COMMENTS, FakeGithubApi.Response.json(200, "[" + comment(7, "mallory", "User") + "]"));

        PostResult result = post();

        assertEquals(PostResult.Outcome.CREATED, result.outcome(), result.describe());
        assertEquals(List.of("POST " + REPO + "/issues/5/comments"), writes(), "mallory's comment left alone");
    }

    @Test
    void aMarkerPlantedByAnotherBotIsIgnoredAndOurOwnIsEdited() throws Exception {
        api.on("GET /user", FakeGithubApi.Response.json(403, JOB_TOKEN_FORBIDDEN));
        api.on(COMMENTS, FakeGithubApi.Response.json(200, "[" + comment(7, "evil-app[bot]", "Bot") + ","
                + comment(8, "github-actions[bot]", "Bot") + "]"));

        PostResult result = post();

        assertEquals(PostResult.Outcome.UPDATED, result.outcome(), result.describe());
        assertEquals(List.of("PATCH " + REPO + "/issues/comments/8"), writes());
    }

    @Test
    void withAPersonalTokenTheApiReportedLoginOwnsTheComment() throws Exception {
        api.on("GET /user", FakeGithubApi.Response.json(200, "{\"login\":\"Octo-Bot-User\",\"type\":\"User\"}"));
        api.on(COMMENTS, FakeGithubApi.Response.json(200, "[" + comment(7, "github-actions[bot]", "Bot") + ","
                + comment(8, "octo-bot-user", "User") + "]"));

        PostResult result = post();

        assertEquals(PostResult.Outcome.UPDATED, result.outcome(), result.describe());
        assertEquals(List.of("PATCH " + REPO + "/issues/comments/8"), writes(),
                "the job bot's comment is not ours when we post as a user; logins compare case-insensitively");
    }

    @Test
    void whenTheIdentityCannotBeReadNothingIsEdited() throws Exception {
        api.on("GET /user", FakeGithubApi.Response.json(401, "{\"message\":\"Bad credentials\"}"));
        api.on(COMMENTS, FakeGithubApi.Response.json(200, "[" + comment(8, "github-actions[bot]", "Bot") + "]"));

        PostResult result = post();

        assertEquals(PostResult.Outcome.FAILED, result.outcome(), result.describe());
        assertTrue(result.describe().contains("find out who the token writes as"), result.describe());
        assertEquals(List.of(), writes());
    }
}
