package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** GithubEnvironment, GithubToken, PostMode, PostResult, PullRequestRef. */
class SmallTypesTest {

    @Test
    void readsTheRunnerEnvironmentFromAMap() {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_OUTPUT", "/tmp/out");
        env.put("GITHUB_STEP_SUMMARY", "/tmp/summary");
        env.put("GITHUB_EVENT_NAME", "pull_request");
        env.put("GITHUB_EVENT_PATH", "/tmp/event.json");
        env.put("GITHUB_REPOSITORY", "octo/repo");
        env.put("GITHUB_API_URL", "https://ghe.example.com/api/v3/");
        env.put("GITHUB_SERVER_URL", "https://ghe.example.com");
        env.put("GITHUB_RUN_ID", "123");
        env.put("GITHUB_RUN_ATTEMPT", "2");
        env.put("GITHUB_JOB", "review");
        env.put("GITHUB_WORKFLOW", "PR checks");
        env.put("GITHUB_WORKSPACE", "/work");
        env.put("GITHUB_SHA", "abc");
        GithubEnvironment e = GithubEnvironment.from(env);
        assertTrue(e.githubActions());
        assertEquals(Optional.of(Path.of("/tmp/out")), e.output());
        assertEquals(Optional.of(Path.of("/tmp/summary")), e.stepSummary());
        assertTrue(e.isPullRequestEvent());
        assertEquals(Path.of("/tmp/event.json"), e.eventPath());
        assertEquals("octo/repo", e.repository());
        assertEquals(URI.create("https://ghe.example.com/api/v3"), e.apiUrl());
        assertEquals(Optional.of(URI.create("https://ghe.example.com/octo/repo/actions/runs/123/attempts/2")),
                e.runUrl());
        assertEquals("PR-checks/review", e.defaultStickyKey());
        assertEquals("review", e.job());
        assertEquals("PR checks", e.workflow());
        assertEquals("2", e.runAttempt());
        assertEquals(Path.of("/work"), e.workspace());
    }

    @Test
    void defaultsAndBlanks() {
        GithubEnvironment e = GithubEnvironment.from(Map.of("GITHUB_OUTPUT", "  ", "GITHUB_API_URL", "ftp://x",
                "GITHUB_EVENT_NAME", "push", "GITHUB_RUN_ID", "12; rm"));
        assertFalse(e.githubActions());
        assertTrue(e.output().isEmpty());
        assertEquals(GithubEnvironment.DEFAULT_API_URL, e.apiUrl());
        assertEquals(GithubEnvironment.DEFAULT_SERVER_URL, e.serverUrl());
        assertFalse(e.isPullRequestEvent());
        assertTrue(e.runUrl().isEmpty());
        assertEquals("copilot-ci", e.defaultStickyKey());
        assertTrue(GithubEnvironment.from(Map.of("GITHUB_EVENT_NAME", "pull_request_target")).isPullRequestEvent());
    }

    @Test
    void stickyKeyIsAlwaysAValidMarkerKey() {
        GithubEnvironment e = GithubEnvironment.from(Map.of("GITHUB_WORKFLOW", "--> <script> \u00e9 " + "x".repeat(100),
                "GITHUB_JOB", "j"));
        String key = e.defaultStickyKey();
        assertTrue(key.matches("[A-Za-z0-9._/-]{1,64}"), key);
        assertEquals("<!-- copilot-ci:" + key + " -->", PullRequestPoster.marker(key));
        assertThrows(IllegalArgumentException.class, () -> PullRequestPoster.marker("a --> b"));
    }

    @Test
    void tokenIsNeverPrinted() {
        GithubToken token = GithubToken.fromEnvironment(Map.of("GH_TOKEN", "ghs_abc123")).orElseThrow();
        assertEquals("ghs_abc123", token.reveal());
        assertFalse(token.toString().contains("ghs_abc123"));
        assertEquals("ghp_first", GithubToken.fromEnvironment(Map.of("GITHUB_TOKEN", "ghp_first", "GH_TOKEN", "x"))
                .orElseThrow().reveal());
        assertTrue(GithubToken.fromEnvironment(Map.of("GITHUB_TOKEN", "  ")).isEmpty());
        assertTrue(GithubToken.fromEnvironment(Map.of("GITHUB_TOKEN", "two words")).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> GithubToken.of("a\nb"));
    }

    @Test
    void postModeParsing() {
        assertEquals(PostMode.NONE, PostMode.parse(null));
        assertEquals(PostMode.NONE, PostMode.parse(" "));
        assertEquals(PostMode.COMMENT, PostMode.parse("Comment"));
        assertEquals(PostMode.REVIEW, PostMode.parse("review"));
        assertThrows(IllegalArgumentException.class, () -> PostMode.parse("approve"));
    }

    @Test
    void postResultDescribesItself() {
        assertEquals("skipped: fork", PostResult.skipped("fork").describe());
        assertEquals("posted: x (https://h/1)",
                new PostResult(PostResult.Outcome.CREATED, "x", "https://h/1").describe());
        assertTrue(new PostResult(PostResult.Outcome.UPDATED, "x", null).posted());
        assertFalse(PostResult.failed("x").posted());
    }

    @Test
    void pullRequestFromEventPayload() throws Exception {
        ObjectMapper json = new ObjectMapper();
        PullRequestRef same = PullRequestRef.fromEvent(json.readTree("""
                {"pull_request":{"number":7,"head":{"sha":"%s","repo":{"full_name":"Octo/Repo"}},
                 "base":{"repo":{"full_name":"octo/repo"}}}}""".formatted("a".repeat(40)))).orElseThrow();
        assertEquals(7, same.number());
        assertEquals("a".repeat(40), same.headSha());
        assertFalse(same.fromFork());
        PullRequestRef fork = PullRequestRef.fromEvent(json.readTree("""
                {"pull_request":{"number":8,"head":{"sha":"b","repo":{"full_name":"mallory/repo"}},
                 "base":{"repo":{"full_name":"octo/repo"}}}}""")).orElseThrow();
        assertTrue(fork.fromFork());
        PullRequestRef deleted = PullRequestRef.fromEvent(json.readTree("""
                {"pull_request":{"number":9,"head":{"sha":"b","repo":null},"base":{"repo":{"full_name":"o/r"}}}}"""))
                .orElseThrow();
        assertNull(deleted.headRepo());
        assertTrue(deleted.fromFork());
        assertTrue(PullRequestRef.fromEvent(json.readTree("{\"ref\":\"main\"}")).isEmpty());
        assertTrue(PullRequestRef.fromEvent(json.readTree("{\"pull_request\":{\"number\":\"x\"}}")).isEmpty());
    }
}
