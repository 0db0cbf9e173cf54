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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validates actions-runner/action.yml offline: GitHub's own parser (@actions/workflow-parser, installed by the
 * Maven build into src/test/validation), the action's own rules (inputs only through env:, pinned nested actions,
 * cleanup always runs) and shellcheck on every run step and script.
 */
@Timeout(120)
class ActionDefinitionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

    private static Path actionDir;
    private static Path validationDir;
    private static JsonNode action;

    @TempDir
    Path tmp;

    @BeforeAll
    static void parseWithGithubsParser() throws Exception {
        actionDir = CompositeActionHarness.actionDir();
        validationDir = Path.of(System.getProperty("action.validation.dir", actionDir.resolve("src/test/validation")
                .toString()));
        assertTrue(Files.isDirectory(validationDir.resolve("node_modules/@actions/workflow-parser")),
                "validation tooling missing: the Maven build runs npm install in " + validationDir);
        JsonNode result = validate(actionDir.resolve("action.yml"));
        assertEquals(List.of(), errors(result), "GitHub's parser rejects action.yml");
        action = result.get("action");
    }

    private static JsonNode validate(Path yml) throws Exception {
        ProcessRun run = ProcessRun.run(List.of("node", "validate-action.mjs", yml.toString()), validationDir,
                Map.of(), true, TOOL_TIMEOUT);
        assertEquals(0, run.exitCode(), run.stderr());
        return JSON.readTree(run.stdout());
    }

    private static List<String> errors(JsonNode result) {
        List<String> errors = new ArrayList<>();
        result.get("errors").forEach(e -> errors.add(e.asText()));
        return errors;
    }

    private static List<JsonNode> steps() {
        List<JsonNode> steps = new ArrayList<>();
        action.path("runs").path("steps").forEach(steps::add);
        return steps;
    }

    @Test
    void theParserCatchesBrokenActions() throws Exception {
        // Negative control: proves the validator really validates (no shell, timeout-minutes, output without value).
        Path broken = tmp.resolve("action.yml");
        Files.writeString(broken, """
                name: broken
                description: broken
                outputs:
                  x:
                    description: no value
                runs:
                  using: composite
                  steps:
                    - run: echo hi
                      timeout-minutes: 5
                """);
        List<String> errors = errors(validate(broken));
        assertTrue(errors.stream().anyMatch(e -> e.contains("shell")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("timeout-minutes")), errors.toString());
    }

    @Test
    void isACompositeActionWithTheDocumentedOutputs() {
        assertEquals("composite", action.path("runs").path("using").asText());
        for (String output : List.of("response", "response-file", "findings-file", "session-id")) {
            assertEquals("${{ steps.run.outputs." + output + " }}",
                    action.path("outputs").path(output).path("value").asText(), output);
            assertFalse(action.path("outputs").path(output).path("description").asText().isBlank(), output);
        }
    }

    @Test
    void everyInputHasADescriptionAndADefault() {
        Set<String> expected = Set.of("prompt", "prompt-file", "mode", "cli-url", "model", "github-token",
                "provider-type", "provider-base-url", "provider-api-key", "cli-version", "timeout", "post",
                "permissions", "base", "log-file");
        Set<String> names = new HashSet<>();
        action.path("inputs").fieldNames().forEachRemaining(names::add);
        assertTrue(names.containsAll(expected), "missing " + expected.stream().filter(n -> !names.contains(n)).toList());
        action.path("inputs").fields().forEachRemaining(e -> {
            assertFalse(e.getValue().path("description").asText().isBlank(), e.getKey() + " description");
            assertTrue(e.getValue().has("default"), e.getKey() + " default");
        });
        assertEquals("none", action.path("inputs").path("post").path("default").asText());
        assertEquals("prompt", action.path("inputs").path("mode").path("default").asText());
        // The jar falls back to the same phrase when the input is empty.
        assertEquals(TriggerComment.DEFAULT_PHRASE, action.path("inputs").path("trigger-phrase").path("default")
                .asText());
    }

    @Test
    void noExpressionInsideAnyRunScript() {
        for (JsonNode step : steps()) {
            if (step.has("run")) {
                assertFalse(step.get("run").asText().contains("${{"), "expression in run: " + step);
            }
        }
    }

    @Test
    void everyInputReachesTheStepsOnlyThroughEnvOrWith() {
        Pattern ref = Pattern.compile("inputs\\.([A-Za-z0-9_-]+)");
        Set<String> used = new HashSet<>();
        for (JsonNode step : steps()) {
            for (String key : List.of("env", "with", "working-directory")) {
                Matcher m = ref.matcher(step.path(key).toString());
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
            for (String key : List.of("run", "if")) {
                assertFalse(step.path(key).asText().contains("inputs."), key + " reads an input directly: " + step);
            }
        }
        Set<String> declared = new HashSet<>();
        action.path("inputs").fieldNames().forEachRemaining(declared::add);
        Set<String> unused = new HashSet<>(declared);
        unused.removeAll(used);
        assertEquals(Set.of(), unused, "inputs that reach no step");
        Set<String> undeclared = new HashSet<>(used);
        undeclared.removeAll(declared);
        assertEquals(Set.of(), undeclared, "steps read inputs that do not exist");
    }

    @Test
    void secretsReachScriptsOnlyThroughTheEnvironment() throws Exception {
        for (String secret : List.of("github-token", "copilot-token", "provider-api-key", "cli-connection-token")) {
            for (JsonNode step : steps()) {
                String withText = step.path("with").toString();
                assertFalse(withText.contains("inputs." + secret), secret + " passed with: " + step);
            }
        }
        String run = Files.readString(actionDir.resolve("scripts/run.sh"));
        assertFalse(run.contains("--provider-api-key \""), "the BYOK key is never an argument");
    }

    @Test
    void nestedActionsArePinnedToFullCommitShasWithTheirTag() throws Exception {
        List<String> uses = new ArrayList<>();
        for (JsonNode step : steps()) {
            if (step.has("uses")) {
                uses.add(step.get("uses").asText());
                assertTrue(step.get("uses").asText().matches("[\\w.-]+/[\\w.-]+@[0-9a-f]{40}"), step.toString());
            }
        }
        assertFalse(uses.isEmpty(), "setup-java fallback expected");
        for (String line : Files.readAllLines(actionDir.resolve("action.yml"))) {
            if (line.strip().startsWith("uses:")) {
                assertTrue(line.matches(".*@[0-9a-f]{40} # v\\d+(\\.\\d+)*\\s*"), "tag comment missing: " + line);
            }
        }
    }

    @Test
    void runStepsUseBashAndExistingScripts() {
        Pattern script = Pattern.compile("^bash \"\\$GITHUB_ACTION_PATH/(scripts/[a-z-]+\\.sh)\"$");
        int runSteps = 0;
        for (JsonNode step : steps()) {
            if (!step.has("run")) {
                continue;
            }
            runSteps++;
            assertEquals("bash", step.path("shell").asText(), step.toString());
            Matcher m = script.matcher(step.get("run").asText().strip());
            assertTrue(m.matches(), "run steps call one script: " + step.get("run").asText());
            assertTrue(Files.isRegularFile(actionDir.resolve(m.group(1))), m.group(1));
        }
        assertEquals(5, runSteps);
    }

    @Test
    void cleanupAlwaysRunsLast() {
        List<JsonNode> steps = steps();
        JsonNode last = steps.get(steps.size() - 1);
        assertEquals("always()", last.path("if").asText());
        assertTrue(last.path("run").asText().contains("cleanup.sh"));
    }

    @Test
    void cliVersionDefaultIsTheVersionTheBuildPins() throws Exception {
        JsonNode pkg = JSON.readTree(actionDir.resolve("../tools/copilot-cli/package.json").toFile());
        assertEquals(pkg.path("dependencies").path("@github/copilot").asText(),
                action.path("inputs").path("cli-version").path("default").asText());
        assertEquals("1.0.102", action.path("inputs").path("cli-version").path("default").asText());
    }

    @Test
    void shellcheckPassesOnEveryScriptAndRunStep() throws Exception {
        if (!ProcessRun.onPath("shellcheck")) {
            fail("shellcheck is not installed (Debian: apt-get install -y shellcheck; .ci/run installs it)");
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> scripts = Files.list(actionDir.resolve("scripts"))) {
            scripts.filter(p -> p.toString().endsWith(".sh")).sorted().forEach(p -> files.add(p.toString()));
        }
        assertTrue(files.size() >= 6, files.toString());
        int i = 0;
        for (JsonNode step : steps()) {
            if (step.has("run")) {
                Path body = tmp.resolve("step-" + (i++) + ".sh");
                Files.writeString(body, "#!/usr/bin/env bash\n" + step.get("run").asText());
                files.add(body.toString());
            }
        }
        List<String> command = new ArrayList<>(List.of("shellcheck", "--external-sources", "--source-path=SCRIPTDIR",
                "--severity=style"));
        command.addAll(files);
        ProcessRun run = ProcessRun.run(command, actionDir, Map.of(), true, TOOL_TIMEOUT);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
    }

    @Test
    void shellcheckIsNotASilentPass() throws Exception {
        if (!ProcessRun.onPath("shellcheck")) {
            fail("shellcheck is not installed (Debian: apt-get install -y shellcheck; .ci/run installs it)");
        }
        Path bad = tmp.resolve("bad.sh");
        Files.writeString(bad, "#!/usr/bin/env bash\nrm -rf $1/*\n");
        ProcessRun run = ProcessRun.run(List.of("shellcheck", bad.toString()), tmp, Map.of(), true, TOOL_TIMEOUT);
        assertTrue(run.exitCode() != 0 && run.stdout().contains("SC2086"), run.stdout());
    }
}
