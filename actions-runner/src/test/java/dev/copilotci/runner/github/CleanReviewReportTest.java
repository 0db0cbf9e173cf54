package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.offline.ScriptedResponse;
import dev.copilotci.runner.RunnerWorld;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A review without findings still says what was reviewed — the commit range (SHAs from git) or the diff file, the
 * number of files, the model and "No findings." — in the sticky comment (updated, or created) and in the step
 * summary, so a clean review cannot be mistaken for one that looked at nothing. Real CLI, scripted model, real git.
 */
@Timeout(240)
class CleanReviewReportTest {
    private static final String TOKEN = "ghs_CleanReviewToken0123456789";
    private static final String REPO = "/repos/octo/repo";
    private static final String MARKER = "<!-- copilot-ci:ci/review -->";
    private static final String CLEAN = "```json\n{\"findings\":[]}\n```";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aCleanReviewOfCommitsUpdatesTheStickyCommentWithWhatWasReviewed() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("a.txt"), "one\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "base");
        String base = git(repo, "rev-parse", "HEAD");
        Files.writeString(repo.resolve("a.txt"), "one\ntwo\n");
        Files.writeString(repo.resolve("b.txt"), "new\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "change");
        String head = git(repo, "rev-parse", "HEAD");
        git(repo, "tag", "base-ref", base);

        try (RunnerWorld w = new RunnerWorld(); FakeGithubApi api = new FakeGithubApi()) {
            w.provider.respondWith(r -> ScriptedResponse.text(CLEAN));
            stickyCommentExists(api, true);
            String summary = review(w, api, repo, List.of("review", "--base", "base-ref"));
            String expected = "Reviewed " + base + "..." + head + " (2 files) with model " + w.offline.model()
                    + ". No findings.";
            FakeGithubApi.Request patch = only(api, "PATCH", REPO + "/issues/comments/7");
            String body = JSON.readTree(patch.body()).path("body").asText();
            // The review marker also records the reviewed head (incremental reviews).
            assertTrue(body.startsWith("<!-- copilot-ci:ci/review head="), body);
            assertTrue(shows(body, expected), "sticky comment:\n" + body);
            assertTrue(shows(summary, expected), "step summary:\n" + summary);
            assertFalse(api.requests().stream().anyMatch(r -> r.method().equals("POST")), "updated, not created");
        }
    }

    @Test
    void aCleanReviewOfADiffFileCreatesTheStickyComment() throws Exception {
        Files.writeString(dir.resolve("change.diff"), "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n"
                + "@@ -1 +1,2 @@\n one\n+two\n");
        try (RunnerWorld w = new RunnerWorld(); FakeGithubApi api = new FakeGithubApi()) {
            w.provider.respondWith(r -> ScriptedResponse.text(CLEAN));
            stickyCommentExists(api, false);
            String summary = review(w, api, dir, List.of("review", "--diff-file", "change.diff"));
            String expected = "Reviewed diff file change.diff (1 file) with model " + w.offline.model()
                    + ". No findings.";
            String body = JSON.readTree(only(api, "POST", REPO + "/issues/5/comments").body()).path("body").asText();
            assertTrue(shows(body, expected), "comment:\n" + body);
            assertTrue(shows(summary, expected), "step summary:\n" + summary);
        }
    }

    private static void stickyCommentExists(FakeGithubApi api, boolean exists) throws Exception {
        api.on("GET /user", FakeGithubApi.Response.json(403, "{\"message\":\"Resource not accessible\"}"));
        String comments = exists ? JSON.writeValueAsString(List.of(Map.of("id", 7, "body", MARKER + "\nold review",
                "user", Map.of("login", "github-actions[bot]", "type", "Bot")))) : "[]";
        api.on("GET " + REPO + "/issues/5/comments?per_page=100", FakeGithubApi.Response.json(200, comments));
        api.on("PATCH " + REPO + "/issues/comments/7", FakeGithubApi.Response.json(200,
                "{\"id\":7,\"html_url\":\"https://github.com/octo/repo/pull/5#c7\"}"));
        api.on("POST " + REPO + "/issues/5/comments", FakeGithubApi.Response.json(201,
                "{\"id\":8,\"html_url\":\"https://github.com/octo/repo/pull/5#c8\"}"));
    }

    /** Runs a review posting a sticky comment; returns the step summary. */
    private String review(RunnerWorld w, FakeGithubApi api, Path workDir, List<String> mode) throws Exception {
        Path event = dir.resolve("event.json");
        Files.writeString(event, """
                {"action":"synchronize","number":5,"pull_request":{"number":5,
                 "head":{"sha":"0123456789abcdef0123456789abcdef01234567","repo":{"full_name":"octo/repo"}},
                 "base":{"repo":{"full_name":"octo/repo"}}}}""");
        Path summary = Files.createTempFile(dir, "summary", ".md");
        Map<String, String> env = new HashMap<>(Map.of("GITHUB_ACTIONS", "true", "GITHUB_TOKEN", TOKEN,
                "GITHUB_STEP_SUMMARY", summary.toString(), "RUNNER_TEMP", dir.toString(),
                "GITHUB_EVENT_NAME", "pull_request", "GITHUB_EVENT_PATH", event.toString(),
                "GITHUB_REPOSITORY", "octo/repo", "GITHUB_API_URL", api.baseUrl().toString(),
                "GITHUB_WORKFLOW", "ci", "GITHUB_JOB", "review"));
        List<String> args = new ArrayList<>(mode);
        args.addAll(List.of("--post", "comment", "--working-directory", workDir.toString(), "--findings-file",
                dir.resolve("findings.json").toString()));
        args.addAll(w.modelArgs());
        RunnerWorld.Result r = w.run(w.env(env), "", args);
        assertEquals(0, r.exitCode(), r.stderr());
        return Files.readString(summary, StandardCharsets.UTF_8);
    }

    /** As GitHub renders it (the text is escaped Markdown): a paragraph of exactly this text. */
    private static boolean shows(String markdown, String text) {
        return HtmlOracle.html(markdown).contains("<p>" + text + "</p>");
    }

    private static FakeGithubApi.Request only(FakeGithubApi api, String method, String path) {
        List<FakeGithubApi.Request> matching = api.requests().stream()
                .filter(r -> r.method().equals(method) && r.pathAndQuery().equals(path)).toList();
        assertEquals(1, matching.size(), method + " " + path + " in " + api.requests());
        return matching.get(0);
    }

    private static String git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "git " + List.of(args) + " hung");
        assertEquals(0, p.exitValue(), "git " + List.of(args) + ": " + out);
        return out;
    }
}
