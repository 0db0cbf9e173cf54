package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own workflows (.github/workflows): GitHub's parser accepts them, third-party actions are pinned to
 * full commit SHAs, no expression is interpolated into a script, tokens are least-privilege, and every run step
 * passes shellcheck.
 */
class ProjectWorkflowsTest {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path workflowsDir;
    private static Path validationDir;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locate() {
        Path actionDir = CompositeActionHarness.actionDir();
        workflowsDir = actionDir.getParent().resolve(".github/workflows");
        validationDir = Path.of(System.getProperty("action.validation.dir", actionDir.resolve("src/test/validation")
                .toString()));
    }

    private static JsonNode validate(Path yml) throws Exception {
        ProcessRun run = ProcessRun.run(List.of("node", "validate-workflow.mjs", yml.toString()), validationDir,
                Map.of(), true, TOOL_TIMEOUT);
        assertEquals(0, run.exitCode(), run.stderr());
        return JSON.readTree(run.stdout());
    }

    private static JsonNode workflow(String name) throws Exception {
        JsonNode result = validate(workflowsDir.resolve(name));
        List<String> errors = new ArrayList<>();
        result.get("errors").forEach(e -> errors.add(e.asText()));
        assertEquals(List.of(), errors, "GitHub's parser rejects " + name);
        return result.get("workflow");
    }

    @Test
    void theParserAcceptsEveryWorkflowAndCatchesABrokenOne() throws Exception {
        for (String name : List.of("ci.yml", "copilot-review.yml", "release.yml")) {
            workflow(name);
        }
        Path broken = tmp.resolve("broken.yml");
        Files.writeString(broken, "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: x/y@1\n"
                + "        with: 3\n");
        assertFalse(validate(broken).get("errors").isEmpty(), "the parser is not a silent pass");
    }

    @Test
    void ciRunsTheCiScriptOnPushAndPullRequest() throws Exception {
        JsonNode ci = workflow("ci.yml");
        assertTrue(ci.path("on").has("push") && ci.path("on").has("pull_request"), ci.toString());
        assertEquals("read", ci.path("permissions").path("contents").asText());
        assertTrue(ci.toString().contains("bash .ci/run"), "runs .ci/run");
    }

    @Test
    void theReviewRunsOnlyForSameRepositoryPullRequestsWithTheBaseInstructions() throws Exception {
        JsonNode review = workflow("copilot-review.yml");
        assertTrue(review.path("on").has("pull_request"), "pull_request, never pull_request_target");
        assertFalse(review.path("on").has("pull_request_target"));
        JsonNode job = review.path("jobs").path("review");
        assertEquals("github.event.pull_request.head.repo.full_name == github.repository", job.path("if").asText());
        JsonNode with = job.path("steps").get(job.path("steps").size() - 1).path("with");
        assertEquals("./actions-runner", job.path("steps").get(job.path("steps").size() - 1).path("uses").asText());
        assertEquals("base", with.path("instructions").asText());
        assertEquals("read-only", with.path("permissions").asText());
    }

    @Test
    void releaseBundlesTheJarIntoTheActionRef() throws Exception {
        JsonNode release = workflow("release.yml");
        assertTrue(release.path("on").path("push").path("tags").toString().contains("v*"), release.toString());
        String text = release.toString();
        assertTrue(text.contains("cp \\\"$RUNNER_TEMP/copilot-runner.jar\\\" actions-runner/copilot-runner.jar"), text);
        assertTrue(Files.readString(workflowsDir.getParent().getParent().resolve("actions-runner/scripts/resolve-jar.sh"))
                .contains("jar=\"$action_dir/copilot-runner.jar\""), "the action prefers the bundled jar");
    }

    @Test
    void actionsArePinnedScriptsTakeNoExpressionsAndPassShellcheck() throws Exception {
        if (!ProcessRun.onPath("shellcheck")) {
            fail("shellcheck is not installed (Debian: apt-get install -y shellcheck; .ci/run installs it)");
        }
        List<String> scripts = new ArrayList<>();
        for (String name : List.of("ci.yml", "copilot-review.yml", "release.yml")) {
            for (String line : Files.readAllLines(workflowsDir.resolve(name))) {
                String t = line.strip();
                if (t.startsWith("- uses:") || t.startsWith("uses:")) {
                    String ref = t.substring(t.indexOf("uses:") + 5).strip();
                    assertTrue(ref.startsWith("./") || ref.matches("[\\w.-]+/[\\w.-]+@[0-9a-f]{40} # v\\d+(\\.\\d+)*"),
                            name + ": not pinned to a full commit SHA with its tag: " + line);
                }
            }
            JsonNode jobs = workflow(name).path("jobs");
            int i = 0;
            for (JsonNode job : (Iterable<JsonNode>) jobs::elements) {
                for (JsonNode step : job.path("steps")) {
                    if (step.has("run")) {
                        String run = step.get("run").asText();
                        assertFalse(run.contains("${{"), name + ": an expression inside a script is injectable: " + run);
                        Path body = tmp.resolve(name + "-step-" + (i++) + ".sh");
                        Files.writeString(body, "#!/usr/bin/env bash\n" + run);
                        scripts.add(body.toString());
                    }
                }
            }
        }
        List<String> command = new ArrayList<>(List.of("shellcheck", "--severity=style"));
        command.addAll(scripts);
        ProcessRun run = ProcessRun.run(command, tmp, Map.of(), true, TOOL_TIMEOUT);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
    }
}
