package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.job.LocalGit;
import dev.copilotci.offline.OfflineCliEnvironment;
import dev.copilotci.offline.PinnedCopilotCli;
import dev.copilotci.offline.ScriptedModelProvider;
import dev.copilotci.offline.ScriptedResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * action.yml end to end as a runner would run it (CompositeActionHarness), with the REAL packaged jar and the REAL
 * pinned Copilot CLI (placed in the action's CLI cache so no npm call is needed) against a scripted model.
 */
@Timeout(180)
class ActionWithRealJarIT {
    private static final String JOB_TOKEN = "ghs_real_jar_job_token_0001";

    @TempDir
    Path tmp;

    private Path action;
    private Path toolCache;
    private Path workspace;
    private Path runnerTemp;
    private JsonNode parsed;

    @BeforeEach
    void setUp() throws Exception {
        Path actionDir = CompositeActionHarness.actionDir();
        Path jar = Path.of(System.getProperty("runner.jar", "target/copilot-runner.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "package the jar first: " + jar);
        action = CompositeActionHarness.copyAction(actionDir, tmp.resolve("repo"), jar); // as at a release tag
        // The pinned CLI "already in the tool cache": a private directory with the manifest install-cli.sh records.
        toolCache = tmp.resolve("tool-cache");
        Path cliDir = Files.createDirectories(toolCache.resolve("copilot-ci/copilot-cli/1.0.102"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path cliBin = Files.createDirectories(cliDir.resolve("node_modules/.bin"));
        Files.createSymbolicLink(cliBin.resolve("copilot"), PinnedCopilotCli.locate().executable());
        ProcessRun manifest = ProcessRun.run(List.of("bash", "-c",
                ". \"$1/scripts/lib.sh\" && cci_cli_manifest \"$2\" > \"$2/copilot-ci.manifest\"", "_",
                action.toString(), cliDir.toString()), tmp, Map.of(), true, Duration.ofSeconds(30));
        assertEquals(0, manifest.exitCode(), manifest.stderr());
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        runnerTemp = Files.createDirectories(tmp.resolve("runner-temp"));
        Path validationDir = Path.of(System.getProperty("action.validation.dir",
                actionDir.resolve("src/test/validation").toString()));
        parsed = CompositeActionHarness.parse(validationDir, action.resolve("action.yml"));
    }

    private Map<String, String> env(OfflineCliEnvironment offline) {
        Map<String, String> env = new HashMap<>(offline.env());
        env.put("PATH", System.getenv("PATH"));
        env.put("RUNNER_TOOL_CACHE", toolCache.toString());
        env.put("HOME", tmp.toString());
        return env;
    }

    @Test
    void promptAndReviewModesProduceOutputsSummaryAndAnnotations() throws Exception {
        try (ScriptedModelProvider model = ScriptedModelProvider.start();
             OfflineCliEnvironment offline = OfflineCliEnvironment.create(model)) {
            Map<String, String> env = env(offline);

            model.enqueue(ScriptedResponse.text("The sky is blue because of Rayleigh scattering.\n"
                    + "::set-output name=response::forged"));
            CompositeActionHarness.Result prompt = new CompositeActionHarness(action, workspace, runnerTemp, env,
                    JOB_TOKEN, parsed).run(Map.of("prompt", "Why is the sky blue?", "model", "test-model",
                    "provider-type", "openai", "provider-base-url", model.baseUrl(), "timeout", "120"));
            assertTrue(prompt.success(), prompt::describe);
            assertEquals("The sky is blue because of Rayleigh scattering.\n::set-output name=response::forged",
                    prompt.outputs().get("response"), "the output is the model's text, not a forged value");
            assertTrue(Files.readString(Path.of(prompt.outputs().get("response-file"))).contains("Rayleigh"));
            assertFalse(prompt.outputs().get("session-id").isBlank());
            assertTrue(prompt.summaries().contains("Rayleigh scattering"), prompt.summaries());
            assertTrue(RunnerSimulator.commands(prompt.stdout()).stream()
                    .noneMatch(c -> c.name().equals("set-output")), "model text stays inert in the log");
            assertTrue(model.requests().get(0).lastUserPrompt().contains("Why is the sky blue?"));
            Path classData = toolCache.resolve("copilot-ci/class-data");
            List<Path> archives;
            try (Stream<Path> files = Files.list(classData)) {
                archives = files.toList();
            }
            assertEquals(1, archives.size(), "the first run wrote the class-data archive: " + archives);
            assertTrue(archives.get(0).getFileName().toString().endsWith(".jsa") && Files.size(archives.get(0)) > 0,
                    archives.toString());

            Files.writeString(workspace.resolve("App.java"), "class App {\n  String password = \"hunter2\";\n}\n");
            Files.writeString(workspace.resolve("change.diff"), String.join("\n",
                    "diff --git a/App.java b/App.java", "--- a/App.java", "+++ b/App.java", "@@ -1,2 +1,3 @@",
                    " class App {", "+  String password = \"hunter2\";", " }", ""));
            model.enqueue(ScriptedResponse.text("One issue.\n```json\n[{\"file\":\"App.java\",\"line\":2,"
                    + "\"severity\":\"error\",\"message\":\"Hard-coded password\"}]\n```"));
            CompositeActionHarness.Result review = new CompositeActionHarness(action, workspace, runnerTemp, env,
                    JOB_TOKEN, parsed).run(Map.of("mode", "review", "diff-file", "change.diff", "model",
                    "test-model", "provider-type", "openai", "provider-base-url", model.baseUrl()));
            assertTrue(review.success(), review::describe);
            try (Stream<Path> files = Files.list(classData)) {
                assertEquals(archives, files.toList(), "the second run maps the same archive, writes no other");
            }
            JsonNode findings = new ObjectMapper().readTree(Path.of(review.outputs().get("findings-file")).toFile());
            assertEquals("Hard-coded password", findings.path("findings").get(0).path("message").asText());
            List<RunnerSimulator.Command> commands = RunnerSimulator.commands(review.stdout());
            assertTrue(commands.stream().anyMatch(c -> c.name().equals("error")
                    && "App.java".equals(c.properties().get("file")) && "2".equals(c.properties().get("line"))),
                    "an error annotation on App.java line 2: " + commands);
            assertTrue(review.summaries().contains("| error | App\\.java\\:2 | Hard\\-coded password |"),
                    review.summaries()); // Markdown-escaped model text in the findings table
        }
    }

    /**
     * {@code mode: comment} on an {@code issue_comment} "/copilot review": the gate lets the member through, the
     * jar fetches the pull request's head as data, posts the review flow's review and replies in the thread; the
     * checkout stays as it was. The fake GitHub API answers the REST calls.
     */
    @Test
    void commentModeReviewsThePullRequestACommentAsksFor() throws Exception {
        CommentTriggerEndToEndTest.PullRequestRepo repo = CommentTriggerEndToEndTest.pullRequestRepo(
                Files.createDirectories(tmp.resolve("pr")));
        LocalGit git = new LocalGit(repo.workspace(), Duration.ofSeconds(30));
        String headBefore = git.run(List.of("rev-parse", "HEAD")).strip();
        Path event = tmp.resolve("event.json");
        Files.writeString(event, CommentTriggerEndToEndTest.issueComment("/copilot review", "MEMBER"));
        try (ScriptedModelProvider model = ScriptedModelProvider.start();
             OfflineCliEnvironment offline = OfflineCliEnvironment.create(model);
             FakeGithubApi api = new FakeGithubApi()) {
            api.on("POST /repos/octo/repo/issues/comments/11/reactions", FakeGithubApi.Response.json(201, "{}"));
            api.on("GET /repos/octo/repo/pulls/5", FakeGithubApi.Response.json(200,
                    CommentTriggerEndToEndTest.pullRequest(repo, "octo/repo")));
            api.on("POST /repos/octo/repo/pulls/5/reviews", FakeGithubApi.Response.json(200,
                    "{\"id\":8,\"html_url\":\"https://github.com/octo/repo/pull/5#pullrequestreview-8\"}"));
            api.on("POST /repos/octo/repo/issues/5/comments", FakeGithubApi.Response.json(201, "{\"id\":12}"));
            model.enqueue(ScriptedResponse.text("```json\n[{\"file\":\"Retry.java\",\"line\":2,"
                    + "\"severity\":\"warning\",\"message\":\"Make the attempts configurable.\"}]\n```"));
            Map<String, String> env = env(offline);
            env.putAll(Map.of("GITHUB_EVENT_NAME", "issue_comment", "GITHUB_EVENT_PATH", event.toString(),
                    "GITHUB_REPOSITORY", "octo/repo", "GITHUB_API_URL", api.baseUrl().toString(),
                    "GITHUB_RUN_ID", "43"));

            CompositeActionHarness.Result result = new CompositeActionHarness(action, repo.workspace(), runnerTemp,
                    env, JOB_TOKEN, parsed).run(Map.of("mode", "comment", "model", "test-model", "provider-type",
                    "openai", "provider-base-url", model.baseUrl()));
            assertTrue(result.success(), result::describe);

            assertTrue(model.requests().get(0).lastUserPrompt().contains("+    int attempts = 3;"));
            List<String> routes = api.requests().stream().map(q -> q.method() + " " + q.pathAndQuery()).toList();
            assertEquals("POST /repos/octo/repo/issues/comments/11/reactions", routes.get(0), routes.toString());
            assertTrue(routes.contains("POST /repos/octo/repo/pulls/5/reviews"), routes.toString());
            String reply = new ObjectMapper().readTree(api.requests().get(api.requests().size() - 1).body())
                    .path("body").asText();
            assertEquals("POST /repos/octo/repo/issues/5/comments", routes.get(routes.size() - 1));
            assertTrue(reply.contains("pullrequestreview-8"), reply);
            assertTrue(api.requests().stream().allMatch(q -> ("Bearer " + JOB_TOKEN).equals(q.authorization())),
                    "the job token from the github-token input");
            assertEquals(headBefore, git.run(List.of("rev-parse", "HEAD")).strip(), "nothing was checked out");
            assertEquals("", git.run(List.of("status", "--porcelain", "--untracked-files=all")));
            assertFalse(result.outputs().get("findings-file").isBlank(), result.outputs().toString());
        }
    }

}
