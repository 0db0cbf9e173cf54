package dev.copilotci.runner.github;

import dev.copilotci.job.JobOutput;
import dev.copilotci.job.ReviewFinding;
import dev.copilotci.testsupport.UnifiedDiff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Pull request #5 of {@code octo/repo} on a fake GitHub API, for the poster's tests: the event file, the step's
 * environment, a poster with the job token, and reports built the way the runner builds them — through the job
 * layer's {@link JobOutput} with the job's secrets — so hostile model text takes the real path to GitHub. By
 * default GitHub answers {@code GET /user} as it does for the job token (403: its comments are
 * {@code github-actions[bot]}'s). Register with {@code @RegisterExtension}; a fresh API and directory per test.
 */
final class PosterFixture implements BeforeEachCallback, AfterEachCallback {
    static final String TOKEN = "ghs_FakeToken0123456789abcdefXYZ";
    /** Another of the job's secrets (a BYOK provider key), masked like the token. */
    static final String PROVIDER_KEY = "byok-key-987654";
    static final String HEAD_SHA = "0123456789abcdef0123456789abcdef01234567";
    static final String REPO = "/repos/octo/repo";
    /** A diff of one hunk: line 2 of src/A.java is added, lines 1 and 3 are context. */
    static final String ONE_HUNK_DIFF = UnifiedDiff.of("src/A.java")
            .hunk(1, 1).context("line1").added("added2").context("line3").text();
    static final String JOB_TOKEN_FORBIDDEN =
            "{\"message\":\"Resource not accessible by integration\",\"status\":\"403\"}";

    private FakeGithubApi api;
    private Path dir;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("poster-fixture");
        api = new FakeGithubApi();
        api.on("GET /user", FakeGithubApi.Response.json(403, JOB_TOKEN_FORBIDDEN));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        api.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    FakeGithubApi api() {
        return api;
    }

    /** As {@link FakeGithubApi#on}. */
    void on(String route, FakeGithubApi.Response... responses) {
        api.on(route, responses);
    }

    /** As {@link FakeGithubApi#requests}. */
    List<FakeGithubApi.Request> requests() {
        return api.requests();
    }

    Path dir() {
        return dir;
    }

    /** The event file of a {@code pull_request} event; {@code headRepo} {@code null}: the head repository is gone. */
    Path event(String headRepo) {
        try {
            return Files.writeString(dir.resolve("event.json"), """
                    {"action":"synchronize","number":5,"pull_request":{"number":5,
                     "head":{"sha":"%s","repo":%s},"base":{"repo":{"full_name":"octo/repo"}}}}"""
                    .formatted(HEAD_SHA, headRepo == null ? "null" : "{\"full_name\":\"" + headRepo + "\"}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    GithubEnvironment env(String eventName, Path eventPath) {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_EVENT_NAME", eventName);
        env.put("GITHUB_EVENT_PATH", eventPath.toString());
        env.put("GITHUB_REPOSITORY", "octo/repo");
        env.put("GITHUB_API_URL", api.baseUrl().toString());
        return GithubEnvironment.from(env);
    }

    /** The poster of a run on a {@code pull_request} event from the repository itself (not a fork). */
    PullRequestPoster poster() {
        return poster(env("pull_request", event("octo/repo")));
    }

    PullRequestPoster poster(GithubEnvironment env) {
        return new PullRequestPoster(env, GithubToken.of(TOKEN), Duration.ofSeconds(5));
    }

    /** The job's output boundary, as {@code RunContext} builds it from the job's secret variables. */
    static JobOutput output() {
        return JobOutput.masking(List.of(TOKEN, PROVIDER_KEY), line -> { });
    }

    /** A report of the model's {@code answer} and {@code findings}, built as the runner builds it. */
    static ReportContent report(String answer, List<ReviewFinding> findings) {
        return ReportContent.of(output(), "Copilot review", answer, findings, RunStats.unknown(), null);
    }
}
