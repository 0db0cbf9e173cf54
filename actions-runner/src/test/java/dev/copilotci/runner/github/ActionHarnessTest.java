package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole composite action, step by step, through {@link CompositeActionHarness}: a copy of action.yml and its
 * scripts with a stand-in jar, java and npm, so the wiring between steps (outputs, conditions, env, cleanup) is
 * tested without the network. The real jar against the real CLI is the lead's integration test.
 */
@Timeout(120)
class ActionHarnessTest {

    private static final String JOB_TOKEN = "ghs_jobtoken_0123456789";

    @TempDir
    Path tmp;

    private Path actionCopy;
    private Path workspace;
    private Path runnerTemp;
    private Path bin;
    private JsonNode parsed;

    @BeforeEach
    void setUp() throws Exception {
        Path actionDir = CompositeActionHarness.actionDir();
        Path validationDir = Path.of(System.getProperty("action.validation.dir",
                actionDir.resolve("src/test/validation").toString()));
        actionCopy = CompositeActionHarness.copyAction(actionDir, tmp.resolve("repo"),
                Files.writeString(tmp.resolve("stand-in.jar"), "stand-in"));
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        runnerTemp = Files.createDirectories(tmp.resolve("runner/temp"));
        bin = Files.createDirectories(tmp.resolve("bin"));
        parsed = CompositeActionHarness.parse(validationDir, actionCopy.resolve("action.yml"));

        // java: answers the version probe like JDK 21; as "java -jar" it behaves like the runner jar in a workflow.
        FakeCommands.script(bin.resolve("java"), """
                #!/usr/bin/env bash
                if [ "$1" = -XshowSettings:properties ]; then
                  printf '    java.home = /opt/jdk21\\n    java.specification.version = 21\\n' >&2
                  exit 0
                fi
                printf '%s\\0' "$@" > "$HARNESS_DIR/jar-args"
                env > "$HARNESS_DIR/jar-env"
                printf 'response<<ghadelimiter_x1\\nHello from the model\\nline 2\\nghadelimiter_x1\\n' >> "$GITHUB_OUTPUT"
                printf 'response-file=%s/resp.md\\nsession-id=job-77\\n' "$RUNNER_TEMP" >> "$GITHUB_OUTPUT"
                printf '## Copilot\\n\\nHello\\n' >> "$GITHUB_STEP_SUMMARY"
                echo "::stop-commands::abcdef0123456789abcdef0123456789"
                echo "::error::model text, inert"
                echo "::abcdef0123456789abcdef0123456789::"
                exit "${FAKE_JAR_EXIT:-0}"
                """);
        FakeCommands.npm(bin.resolve("npm"), tmp.resolve("npm-calls"));
    }

    private CompositeActionHarness harness(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("HARNESS_DIR", tmp.toString());
        env.put("RUNNER_TOOL_CACHE", tmp.resolve("tool-cache").toString());
        env.putAll(extraEnv);
        return new CompositeActionHarness(actionCopy, workspace, runnerTemp, env, JOB_TOKEN, parsed);
    }

    @Test
    void promptModeRunsEveryStepInOrderAndExposesTheOutputs() throws Exception {
        CompositeActionHarness.Result result = harness(Map.of())
                .run(Map.of("prompt", "Why is the sky blue?", "model", "gpt-5"));

        assertTrue(result.success(), result::describe);
        assertEquals(List.of("prep", "java", "cli", "jar", "run", "cleanup"),
                result.steps().stream().map(CompositeActionHarness.StepRun::id).toList());
        assertFalse(result.step("java").ran(), "the runner's Java 17+ is used, setup-java skipped");
        assertTrue(result.step("cli").ran());
        assertEquals("Hello from the model\nline 2", result.outputs().get("response"));
        assertEquals(runnerTemp + "/resp.md", result.outputs().get("response-file"));
        assertEquals("job-77", result.outputs().get("session-id"));
        assertEquals("", result.outputs().get("findings-file"));
        assertTrue(result.summaries().contains("## Copilot"));

        List<String> args = List.of(Files.readString(tmp.resolve("jar-args")).split("\0"));
        assertEquals(actionCopy.resolve("copilot-runner.jar").toString(), args.get(args.indexOf("-jar") + 1));
        assertEquals("prompt", args.get(args.indexOf("-jar") + 2));
        assertEquals(tmp.resolve("tool-cache/copilot-ci/copilot-cli/1.0.102/node_modules/.bin/copilot").toString(),
                args.get(args.indexOf("--cli-path") + 1));
        assertEquals("none", args.get(args.indexOf("--post") + 1));
        assertTrue(Files.readString(tmp.resolve("jar-env")).contains("GITHUB_TOKEN=" + JOB_TOKEN + "\n"),
                "the default github-token input is the job token");

        List<RunnerSimulator.Command> commands = RunnerSimulator.commands(result.stdout());
        assertTrue(commands.stream().anyMatch(c -> c.name().equals("add-mask") && c.data().equals(JOB_TOKEN)));
        assertTrue(commands.stream().noneMatch(c -> c.name().equals("error")), "no failures, model text inert");
        try (Stream<Path> left = Files.list(runnerTemp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("copilot-ci.")),
                    "cleanup removed the private work dir");
        }
    }

    @Test
    void aFailingRunStillCleansUp() throws Exception {
        CompositeActionHarness.Result result = harness(Map.of("FAKE_JAR_EXIT", "3"))
                .run(Map.of("mode", "review", "base", "origin/main", "fail-on", "error"));
        assertFalse(result.success());
        assertEquals(3, result.step("run").exitCode());
        assertTrue(result.step("cleanup").ran(), "cleanup has if: always()");
        try (Stream<Path> left = Files.list(runnerTemp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("copilot-ci.")));
        }
    }

    @Test
    void invalidInputsStopBeforeAnythingIsInstalled() throws Exception {
        CompositeActionHarness.Result result = harness(Map.of()).run(Map.of("prompt", "x", "post", "approve"));
        assertFalse(result.success());
        assertEquals(1, result.step("prep").exitCode());
        assertFalse(result.step("cli").ran());
        assertFalse(result.step("run").ran());
        assertTrue(result.step("cleanup").ran());
        assertFalse(Files.exists(tmp.resolve("npm-calls")));
    }

    @Test
    void sharedServerSkipsTheCliInstallAndSetupJavaRunsWhenNeeded() throws Exception {
        // An old Java only: prepare asks for setup-java, whose output path feeds resolve-jar.
        Path oldJavaBin = Files.createDirectories(tmp.resolve("old"));
        FakeCommands.script(oldJavaBin.resolve("java"), """
                #!/usr/bin/env bash
                printf '    java.specification.version = 11\\n' >&2
                """);
        Path jdk = Files.createDirectories(tmp.resolve("jdk21/bin"));
        Files.copy(bin.resolve("java"), jdk.resolve("java"));
        Files.delete(bin.resolve("java"));
        AtomicInteger setupJavaCalls = new AtomicInteger();
        CompositeActionHarness.Result result = harness(Map.of("PATH", oldJavaBin + ":" + bin + ":"
                + System.getenv("PATH")))
                .onUses("actions/setup-java", with -> {
                    setupJavaCalls.incrementAndGet();
                    assertEquals("temurin", with.get("distribution"));
                    assertEquals("21", with.get("java-version"));
                    return Map.of("path", jdk.getParent().toString());
                })
                .run(Map.of("prompt", "hi", "cli-url", "127.0.0.1:4321", "cli-connection-token", "conn-secret-1"));
        assertTrue(result.success(), result::describe);
        assertEquals(1, setupJavaCalls.get());
        assertFalse(result.step("cli").ran(), "a shared server needs no local CLI");
        assertEquals(jdk.resolve("java").toString(), result.step("jar").outputs().get("java"));
        String env = Files.readString(tmp.resolve("jar-env"));
        assertTrue(env.contains("COPILOT_CONNECTION_TOKEN=conn-secret-1\n"), env);
        assertTrue(RunnerSimulator.commands(result.stdout()).stream()
                .anyMatch(c -> c.name().equals("add-mask") && c.data().equals("conn-secret-1")));
    }
}
