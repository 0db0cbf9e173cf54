package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.copilotci.runner.github.PosterFixture.HEAD_SHA;
import static dev.copilotci.runner.github.PosterFixture.REPO;
import static dev.copilotci.runner.github.PosterFixture.TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.job.DiffFiles;
import dev.copilotci.job.ReviewFinding;
import dev.copilotci.job.ReviewSuggestion;
import dev.copilotci.job.Severity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(60)
class PullRequestPosterTest {

    private static final String MARKER = "<!-- copilot-ci:ci/review -->";
    /** What we write: the marker with the head the report is about (the next run reviews from there). */
    private static final String WRITTEN = "<!-- copilot-ci:ci/review head=" + HEAD_SHA + " -->";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final PosterFixture github = new PosterFixture();

    /** The model's hostile answer (HTML, the job's provider key) taking the runner's path to the poster. */
    private static ReportContent content(List<ReviewFinding> findings) {
        return ReportContent.of(PosterFixture.output(), "Copilot review",
                "Overall fine. <script>alert(1)</script> " + PosterFixture.PROVIDER_KEY, findings,
                new RunStats("m", 1, 1L, 2L, Duration.ofSeconds(3)), null);
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    private void assertAuthenticated() {
        for (FakeGithubApi.Request r : github.requests()) {
            assertEquals("Bearer " + TOKEN, r.authorization(), r.toString());
            assertEquals("2022-11-28", r.apiVersion());
            assertEquals("application/vnd.github+json", r.accept());
        }
    }

    @Test
    void aForksPullRequestIsPostedUnderPullRequestTargetWhoseTokenCanWrite() throws Exception {
        github.on("GET " + REPO + "/issues/5/comments?per_page=100", FakeGithubApi.Response.json(200, "[]"));
        github.on("POST " + REPO + "/issues/5/comments",
                FakeGithubApi.Response.json(201, "{\"id\":99,\"html_url\":\"https://github.com/octo/repo/pull/5#c99\"}"));

        PostResult result = github.poster(github.env("pull_request_target", github.event("mallory/repo")))
                .post(PostMode.COMMENT, "ci/review", content(List.of()));

        assertEquals(PostResult.Outcome.CREATED, result.outcome(), result.describe());
    }

    @Test
    void createsTheStickyCommentWhenNoneExistsPagingThroughComments() throws Exception {
        String page2 = github.api().baseUrl() + REPO + "/issues/5/comments?per_page=100&page=2";
        github.on("GET " + REPO + "/issues/5/comments?per_page=100",
                FakeGithubApi.Response.json(200, "[{\"id\":1,\"body\":\"hello\"},"
                        + "{\"id\":2,\"body\":\"quoting " + MARKER.replace("\"", "\\\"") + " is not enough\"}]")
                        .withHeader("Link", "<" + page2 + ">; rel=\"next\", <" + page2 + ">; rel=\"last\""));
        github.on("GET " + REPO + "/issues/5/comments?per_page=100&page=2",
                FakeGithubApi.Response.json(200, "[{\"id\":3,\"body\":\"other\"}]"));
        github.on("POST " + REPO + "/issues/5/comments",
                FakeGithubApi.Response.json(201, "{\"id\":99,\"html_url\":\"https://github.com/octo/repo/pull/5#c99\"}"));

        PostResult result = github.poster().post(PostMode.COMMENT, "ci/review", content(List.of()));

        assertEquals(PostResult.Outcome.CREATED, result.outcome(), result.describe());
        assertEquals("https://github.com/octo/repo/pull/5#c99", result.htmlUrl());
        List<FakeGithubApi.Request> requests = github.requests();
        assertEquals(List.of("GET /user", "GET " + REPO + "/issues/5/comments?per_page=100",
                "GET " + REPO + "/issues/5/comments?per_page=100&page=2",
                "POST " + REPO + "/issues/5/comments"),
                requests.stream().map(r -> r.method() + " " + r.pathAndQuery()).toList());
        String body = json(requests.get(3).body()).get("body").asText();
        assertTrue(body.startsWith(WRITTEN + "\n## Copilot review"), body);
        assertFalse(body.contains("<script>"), "model HTML escaped");
        assertTrue(body.contains("&lt;script>"), body);
        assertFalse(body.contains("byok-key-987654"), "secrets masked");
        assertAuthenticated();
    }

    @Test
    void updatesTheExistingStickyCommentInPlace() throws Exception {
        github.on("GET " + REPO + "/issues/5/comments?per_page=100", FakeGithubApi.Response.json(200,
                "[{\"id\":41,\"body\":\"unrelated\"},{\"id\":42,\"user\":{\"login\":\"github-actions[bot]\","
                        + "\"type\":\"Bot\"},\"body\":\"" + MARKER.replace("\"", "\\\"") + "\\nold report\"}]"));
        github.on("PATCH " + REPO + "/issues/comments/42",
                FakeGithubApi.Response.json(200, "{\"id\":42,\"html_url\":\"https://github.com/octo/repo/pull/5#c42\"}"));

        PostResult result = github.poster(github.env("pull_request_target", github.event("octo/repo")))
                .post(PostMode.COMMENT, "ci/review",
                        content(List.of(new ReviewFinding("a.java", 1, Severity.ERROR, "bad | thing", null))));

        assertEquals(PostResult.Outcome.UPDATED, result.outcome(), result.describe());
        List<FakeGithubApi.Request> requests = github.requests();
        assertEquals(3, requests.size());
        assertEquals("PATCH", requests.get(2).method());
        String body = json(requests.get(2).body()).get("body").asText();
        assertTrue(body.startsWith(WRITTEN + "\n"), body);
        assertTrue(body.contains("| error | a\\.java\\:1 | bad \\| thing |"), body);
        assertTrue(github.requests().stream().noneMatch(r -> r.method().equals("POST")));
        assertAuthenticated();
    }

    @Test
    void reviewPutsDiffLinesInlineAndFoldsTheRestNeverApproving() throws Exception {
        github.on("POST " + REPO + "/pulls/5/reviews",
                FakeGithubApi.Response.json(200, "{\"id\":7,\"html_url\":\"https://github.com/octo/repo/pull/5#r7\"}"));
        // The diff model places the findings (as ReviewTask does); the poster trusts its inDiff.
        DiffFiles diff = DiffFiles.parse(PosterFixture.ONE_HUNK_DIFF + """
                diff --git a/img.png b/img.png
                Binary files a/img.png and b/img.png differ
                """);
        List<ReviewFinding> findings = diff.validate(List.of(
                new ReviewFinding("src/A.java", 2, Severity.WARNING, "inline <b>me</b>", "Title"),
                new ReviewFinding("./src/A.java", 3, Severity.ERROR, "context line counts", null),
                new ReviewFinding("src/A.java", 40, Severity.ERROR, "outside the diff", null),
                new ReviewFinding("img.png", 1, Severity.NOTICE, "binary", null),
                new ReviewFinding(null, 0, Severity.NOTICE, "general", null)));

        PostResult result = github.poster().post(PostMode.REVIEW, "ci/review",
                content(findings));

        assertEquals(PostResult.Outcome.CREATED, result.outcome(), result.describe());
        assertTrue(result.detail().contains("2 inline comment(s)"), result.detail());
        FakeGithubApi.Request post = github.requests().stream().filter(r -> r.method().equals("POST")).findFirst()
                .orElseThrow();
        JsonNode review = json(post.body());
        assertEquals("COMMENT", review.get("event").asText());
        assertFalse(post.body().contains("APPROVE"));
        assertEquals(HEAD_SHA, review.get("commit_id").asText());
        JsonNode comments = review.get("comments");
        assertEquals(2, comments.size());
        assertEquals("src/A.java", comments.get(0).get("path").asText());
        assertEquals(3, comments.get(0).get("line").asInt(), "errors first");
        assertEquals("RIGHT", comments.get(0).get("side").asText());
        assertEquals(2, comments.get(1).get("line").asInt());
        String inlineBody = comments.get(1).get("body").asText();
        assertTrue(inlineBody.matches("(?s)<!-- copilot-ci:finding:ci/review:[0-9a-f]{16} -->\n"
                + "\\*\\*warning\\*\\*: Title\n\ninline &lt;b>me&lt;/b>.*"), inlineBody);
        String body = review.get("body").asText();
        assertTrue(body.startsWith(WRITTEN + "\n"), body);
        assertTrue(body.contains("Findings outside the diff (3)"), body);
        assertTrue(body.contains("outside the diff") && body.contains("binary") && body.contains("general"), body);
        assertFalse(body.contains("context line counts"), "inline findings are not repeated in the body");
        assertAuthenticated();
    }

    @Test
    void aSuggestionBecomesASuggestionBlockOnItsLineRangeUnlessMaskingWouldChangeIt() throws Exception {
        github.on("POST " + REPO + "/pulls/5/reviews", FakeGithubApi.Response.json(200, "{\"id\":7}"));
        DiffFiles diff = DiffFiles.parse(PosterFixture.ONE_HUNK_DIFF);
        List<ReviewFinding> findings = diff.validate(List.of(
                new ReviewFinding("src/A.java", 2, Severity.ERROR, "two lines", null)
                        .withSuggestion(new ReviewSuggestion(2, 3, "fixed2\nfixed3")),
                new ReviewFinding("src/A.java", 1, Severity.WARNING, "leaks", null)
                        .withSuggestion(new ReviewSuggestion(1, 1, "key = \"byok-key-987654\"")),
                new ReviewFinding("src/A.java", 3, Severity.NOTICE, "one line", null)
                        .withSuggestion(new ReviewSuggestion(3, 3, ""))));

        PostResult result = github.poster().post(PostMode.REVIEW, "ci/review",
                content(findings));

        assertEquals(PostResult.Outcome.CREATED, result.outcome(), result.describe());
        assertEquals(List.of("GET " + REPO + "/pulls/5/comments?per_page=100", "POST " + REPO + "/pulls/5/reviews"),
                github.requests().stream().map(r -> r.method() + " " + r.pathAndQuery()).toList());
        JsonNode comments = json(github.requests().get(1).body()).get("comments");
        JsonNode twoLines = comments.get(0);
        assertEquals(2, twoLines.get("start_line").asInt());
        assertEquals("RIGHT", twoLines.get("start_side").asText());
        assertEquals(3, twoLines.get("line").asInt());
        assertTrue(twoLines.get("body").asText().endsWith("two lines\n\n```suggestion\nfixed2\nfixed3\n```"),
                twoLines.get("body").asText());
        JsonNode leaks = comments.get(1);
        assertEquals(1, leaks.get("line").asInt());
        assertFalse(leaks.has("start_line"));
        assertFalse(leaks.get("body").asText().contains("suggestion"), "a masked suggestion is dropped");
        assertFalse(leaks.get("body").asText().contains("byok-key-987654"));
        JsonNode deletion = comments.get(2);
        assertFalse(deletion.has("start_line"));
        assertEquals(3, deletion.get("line").asInt());
        assertTrue(deletion.get("body").asText().endsWith("```suggestion\n```"), "an empty replacement deletes");
    }

    @Test
    void unresolvableInlineCommentsAreRetriedInTheBody() throws Exception {
        github.on("POST " + REPO + "/pulls/5/reviews",
                FakeGithubApi.Response.json(422, "{\"message\":\"Unprocessable Entity\",\"errors\":[\"Line could not be resolved\"]}"),
                FakeGithubApi.Response.json(200, "{\"id\":8}"));

        PostResult result = github.poster().post(PostMode.REVIEW, "ci/review",
                content(List.of(new ReviewFinding("a.txt", 1, Severity.ERROR, "on the line", null, true))));

        assertEquals(PostResult.Outcome.CREATED, result.outcome(), result.describe());
        List<FakeGithubApi.Request> posts = github.requests().stream().filter(r -> r.method().equals("POST")).toList();
        assertEquals(2, posts.size());
        assertEquals(1, json(posts.get(0).body()).get("comments").size());
        JsonNode retry = json(posts.get(1).body());
        assertEquals(0, retry.get("comments").size());
        assertTrue(retry.get("body").asText().contains("on the line"));
        assertEquals("COMMENT", retry.get("event").asText());
    }

    @Test
    void forksAreSkippedWithoutAnyRequest() throws Exception {
        PostResult fork = github.poster(github.env("pull_request", github.event("mallory/repo")))
                .post(PostMode.COMMENT, "ci/review", content(List.of()));
        assertEquals(PostResult.Outcome.SKIPPED, fork.outcome());
        assertTrue(fork.describe().startsWith("skipped: pull request from a fork (mallory/repo)"), fork.describe());
        PostResult deleted = github.poster(github.env("pull_request", github.event(null)))
                .post(PostMode.REVIEW, "ci/review", content(List.of()));
        assertEquals(PostResult.Outcome.SKIPPED, deleted.outcome());
        assertTrue(github.requests().isEmpty());
    }

    @Test
    void otherEventsMissingTokenAndModeNoneAreSkipped() throws Exception {
        Path event = github.event("octo/repo");
        PostResult push = github.poster(github.env("push", event))
                .post(PostMode.COMMENT, "ci/review", content(List.of()));
        assertEquals("skipped: not a pull_request or pull_request_target event (event: push)", push.describe());
        PostResult none = github.poster(github.env("pull_request", event))
                .post(PostMode.NONE, "ci/review", content(List.of()));
        assertEquals(PostResult.Outcome.SKIPPED, none.outcome());
        PostResult noToken = new PullRequestPoster(github.env("pull_request", event), null, Duration.ofSeconds(5))
                .post(PostMode.COMMENT, "ci/review", content(List.of()));
        assertEquals(PostResult.Outcome.SKIPPED, noToken.outcome());
        assertTrue(noToken.detail().contains("no GitHub token"));
        assertTrue(github.requests().isEmpty());
    }

    @Test
    void missingPermissionIsASkipNotAFailure() throws Exception {
        github.on("GET " + REPO + "/issues/5/comments?per_page=100", FakeGithubApi.Response.json(200, "[]"));
        github.on("POST " + REPO + "/issues/5/comments",
                FakeGithubApi.Response.json(403, "{\"message\":\"Resource not accessible by integration\"}"));
        PostResult result = github.poster().post(PostMode.COMMENT, "ci/review", content(List.of()));
        assertEquals(PostResult.Outcome.SKIPPED, result.outcome());
        assertEquals("skipped: no permission to create the comment (HTTP 403: Resource not accessible by integration); "
                + "the job needs `permissions: pull-requests: write`", result.describe());
    }

    @Test
    void notFoundIsASkipAndServerErrorsAndBadCredentialsAreFailures() throws Exception {
        PostResult notFound = github.poster().post(PostMode.REVIEW, "ci/review", content(List.of()));
        assertEquals(PostResult.Outcome.SKIPPED, notFound.outcome(), notFound.describe());
        assertTrue(notFound.detail().contains("HTTP 404"));

        github.on("GET " + REPO + "/issues/5/comments?per_page=100",
                FakeGithubApi.Response.json(500, "{\"message\":\"boom " + TOKEN + "\"}"));
        PostResult serverError = github.poster().post(PostMode.COMMENT, "ci/review", content(List.of()));
        assertEquals(PostResult.Outcome.FAILED, serverError.outcome());
        assertTrue(serverError.detail().contains("HTTP 500: boom ****"), serverError.detail());
        assertFalse(serverError.describe().contains(TOKEN));

        github.on("GET " + REPO + "/issues/5/comments?per_page=100",
                FakeGithubApi.Response.json(401, "{\"message\":\"Bad credentials\"}"));
        PostResult unauthorized = github.poster().post(PostMode.COMMENT, "ci/review", content(List.of()));
        assertEquals(PostResult.Outcome.FAILED, unauthorized.outcome());
        assertTrue(unauthorized.detail().contains("rejected the token"), unauthorized.detail());
    }

    @Test
    void aHangingApiEndsInATimeoutResult() throws Exception {
        github.on("GET " + REPO + "/issues/5/comments?per_page=100", github.api().hanging());
        PullRequestPoster poster = new PullRequestPoster(github.env("pull_request", github.event("octo/repo")),
                GithubToken.of(TOKEN), Duration.ofMillis(500));
        PostResult result = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> poster.post(PostMode.COMMENT, "ci/review", content(List.of())));
        assertEquals(PostResult.Outcome.FAILED, result.outcome());
        assertTrue(result.detail().contains("did not answer in time (0.5 s per request)"), result.detail());
    }

    @Test
    void paginationNeverLeavesTheApiOrigin() throws Exception {
        try (FakeGithubApi elsewhere = new FakeGithubApi()) {
            String foreign = elsewhere.baseUrl() + REPO + "/issues/5/comments?page=2";
            github.on("GET " + REPO + "/issues/5/comments?per_page=100", FakeGithubApi.Response.json(200, "[]")
                    .withHeader("Link", "<" + foreign + ">; rel=\"next\""));
            github.on("POST " + REPO + "/issues/5/comments", FakeGithubApi.Response.json(201, "{\"id\":1}"));
            PostResult result = github.poster().post(PostMode.COMMENT, "ci/review", content(List.of()));
            assertEquals(PostResult.Outcome.CREATED, result.outcome());
            assertTrue(elsewhere.requests().isEmpty(), "the token never went to another origin");
        }
    }

    @Test
    void endlessPaginationIsCapped() throws Exception {
        String self = github.api().baseUrl() + REPO + "/issues/5/comments?per_page=100";
        github.on("GET " + REPO + "/issues/5/comments?per_page=100", FakeGithubApi.Response.json(200,
                "[{\"id\":1,\"body\":\"x\"}]").withHeader("Link", "<" + self + ">; rel=\"next\""));
        github.on("POST " + REPO + "/issues/5/comments", FakeGithubApi.Response.json(201, "{\"id\":2}"));
        PostResult result = github.poster().post(PostMode.COMMENT, "ci/review", content(List.of()));
        assertEquals(PostResult.Outcome.CREATED, result.outcome());
        assertEquals(PullRequestPoster.MAX_PAGES + 1, // + GET /user
                github.requests().stream().filter(r -> r.method().equals("GET")).count());
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        try (FakeGithubApi elsewhere = new FakeGithubApi()) {
            github.on("GET " + REPO + "/issues/5/comments?per_page=100", FakeGithubApi.Response.json(302, "")
                    .withHeader("Location", elsewhere.baseUrl() + "/steal"));
            PostResult result = github.poster().post(PostMode.COMMENT, "ci/review", content(List.of()));
            assertEquals(PostResult.Outcome.FAILED, result.outcome(), result.describe());
            assertTrue(elsewhere.requests().isEmpty());
        }
    }

    @Test
    void refusesToSendTheTokenOverPlainHttpToARemoteHost() throws Exception {
        Map<String, String> raw = new HashMap<>();
        raw.put("GITHUB_EVENT_NAME", "pull_request");
        raw.put("GITHUB_EVENT_PATH", github.event("octo/repo").toString());
        raw.put("GITHUB_REPOSITORY", "octo/repo");
        raw.put("GITHUB_API_URL", "http://api.example.invalid");
        PostResult result = github.poster(GithubEnvironment.from(raw))
                .post(PostMode.COMMENT, "ci/review", content(List.of()));
        assertEquals(PostResult.Outcome.FAILED, result.outcome());
        assertTrue(result.detail().contains("non-https"), result.detail());
    }

    @Test
    void badEventPayloadOrRepositoryFailsClearly() throws Exception {
        Path broken = github.dir().resolve("broken.json");
        Files.writeString(broken, "{not json");
        PostResult result = github.poster(github.env("pull_request", broken))
                .post(PostMode.COMMENT, "ci/review", content(List.of()));
        assertEquals(PostResult.Outcome.FAILED, result.outcome());
        assertTrue(result.detail().contains("event payload"), result.detail());

        Map<String, String> raw = new HashMap<>();
        raw.put("GITHUB_EVENT_NAME", "pull_request");
        raw.put("GITHUB_EVENT_PATH", github.event("octo/repo").toString());
        raw.put("GITHUB_REPOSITORY", "../../admin");
        raw.put("GITHUB_API_URL", github.api().baseUrl().toString());
        PostResult badRepo = github.poster(GithubEnvironment.from(raw))
                .post(PostMode.COMMENT, "ci/review", content(List.of()));
        assertEquals(PostResult.Outcome.FAILED, badRepo.outcome());
        assertTrue(github.requests().isEmpty());
    }

    @Test
    void hugeAnswersStayUnderTheCommentLimit() throws Exception {
        github.on("GET " + REPO + "/issues/5/comments?per_page=100", FakeGithubApi.Response.json(200, "[]"));
        github.on("POST " + REPO + "/issues/5/comments", FakeGithubApi.Response.json(201, "{\"id\":1}"));
        ReportContent big = PosterFixture.report("\ud83d\ude00 long answer\n".repeat(50_000), List.of());
        PostResult result = github.poster().post(PostMode.COMMENT, "ci/review", big);
        assertEquals(PostResult.Outcome.CREATED, result.outcome());
        String body = json(github.requests().get(2).body()).get("body").asText();
        assertTrue(body.length() <= 65_536, "chars " + body.length());
        assertTrue(body.contains("GitHub's comment size limit"), "says it was cut");
    }
}
