package dev.copilotci.runner;

import static dev.copilotci.runner.RunnerWorld.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.testsupport.CliServerFixture;
import dev.copilotci.offline.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runner's commands end to end, in-process, against the real CLI and a scripted model. */
@Timeout(120)
class RunnerEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void promptWithItsOwnCliPrintsTheAnswerAndStopsTheCli() {
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.enqueue(ScriptedResponse.text("Forty-two."));
            RunnerWorld.Result r = w.run(w.env(Map.of()), "", concat(List.of("prompt"),
                    concat(w.modelArgs(), "--prompt", "What is the answer?").toArray(String[]::new)));
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("Forty-two.\n", r.stdout());
            assertTrue(r.stderr().contains("[copilot] answered in"), r.stderr());
            assertTrue(w.provider.requests().get(0).lastUserPrompt().contains("What is the answer?"));
        }
    }

    @Test
    void promptAgainstASharedServerUsesTheTokenFromTheEnvironmentAndNeverPrintsIt() {
        try (RunnerWorld w = new RunnerWorld()) {
            String token = "shared-token-5b1e9d";
            try (CliServerFixture server = CliServerFixture.builder().environment(w.offline).connectionToken(token)
                    .start()) {
                w.provider.enqueue(ScriptedResponse.text("from the shared server, token " + token));
                RunnerWorld.Result r = w.run(w.env(Map.of("COPILOT_CONNECTION_TOKEN", token)), "",
                        List.of("prompt", "--cli-url", server.url(), "--model", "test-model",
                                "--provider-base-url", w.provider.baseUrl(), "--prompt", "hi"));
                assertEquals(0, r.exitCode(), r.stderr());
                assertEquals("from the shared server, token ****\n", r.stdout(), "model echoing a secret is masked");
                assertFalse(r.stderr().contains(token));
                assertTrue(server.isAlive(), "a shared server is never shut down");
            }
        }
    }

    @Test
    void theCliWeStartNeverSeesTheJobsTokens() {
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.enqueue(ScriptedResponse.toolCall("bash", "{\"command\":\"env\",\"description\":\"env\"}"),
                    ScriptedResponse.text("looked"));
            RunnerWorld.Result r = w.run(w.env(Map.of("GITHUB_TOKEN", "ghs_jobTokenNeverForTools1", "MY_KEY",
                    "sk-keyNeverForTools2")), "", concat(List.of("prompt", "--prompt", "show me the environment",
                    "--permissions", "allow-all", "--provider-api-key-env", "MY_KEY", "--working-directory",
                    dir.toString()), w.modelArgs().toArray(String[]::new)));
            assertEquals(0, r.exitCode(), r.stderr());
            String toolResult = w.provider.requests().get(1).body().toString();
            assertTrue(toolResult.contains("PATH="), "env ran and its output reached the model");
            assertFalse(toolResult.contains("ghs_jobTokenNeverForTools1"), "GITHUB_TOKEN hidden from the tools");
            assertFalse(toolResult.contains("sk-keyNeverForTools2"), "provider key hidden from the tools");
        }
    }

    @Test
    void promptFromFileAndStdin() throws Exception {
        try (RunnerWorld w = new RunnerWorld()) {
            Path file = dir.resolve("prompt.txt");
            Files.writeString(file, "prompt from a file ✓");
            w.provider.enqueue(ScriptedResponse.text("one"), ScriptedResponse.text("two"));
            RunnerWorld.Result fromFile = w.run(w.env(Map.of()), "", concat(List.of("prompt", "--prompt-file",
                    file.toString()), w.modelArgs().toArray(String[]::new)));
            assertEquals(0, fromFile.exitCode(), fromFile.stderr());
            assertTrue(w.provider.requests().get(0).lastUserPrompt().contains("prompt from a file ✓"));
            RunnerWorld.Result fromStdin = w.run(w.env(Map.of()), "prompt from stdin", concat(List.of("prompt",
                    "--prompt-file", "-"), w.modelArgs().toArray(String[]::new)));
            assertEquals("two\n", fromStdin.stdout());
            assertTrue(w.provider.requests().get(1).lastUserPrompt().contains("prompt from stdin"));
        }
    }

    @Test
    void explainFailureSendsTheRelevantPartOfTheLog() throws Exception {
        try (RunnerWorld w = new RunnerWorld()) {
            Path log = dir.resolve("build.log");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 20_000; i++) {
                sb.append("[INFO] compiling module ").append(i).append('\n');
            }
            sb.append("[ERROR] src/main/java/App.java:[12,5] cannot find symbol FooBar\n");
            for (int i = 0; i < 50; i++) {
                sb.append("[INFO] trailing ").append(i).append('\n');
            }
            Files.writeString(log, sb);
            w.provider.enqueue(ScriptedResponse.text("### Cause\nFooBar is missing."));
            RunnerWorld.Result r = w.run(w.env(Map.of()), "", concat(List.of("explain-failure", "--log-file",
                    log.toString()), w.modelArgs().toArray(String[]::new)));
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stdout().contains("FooBar is missing."));
            String sent = w.provider.requests().get(0).lastUserPrompt();
            assertTrue(sent.contains("cannot find symbol FooBar"), "the error line is selected");
            assertTrue(sent.length() < 40_000, "selected within the budget, not the whole log: " + sent.length());
            assertTrue(r.stderr().contains("20051 lines"), r.stderr());
        }
    }

    @Test
    void reviewWritesFindingsJsonAndFailsOnTheThreshold() throws Exception {
        try (RunnerWorld w = new RunnerWorld()) {
            Path diff = dir.resolve("change.diff");
            Files.writeString(diff, """
                    diff --git a/src/App.java b/src/App.java
                    --- a/src/App.java
                    +++ b/src/App.java
                    @@ -1,3 +1,4 @@
                     class App {
                    +    String password = "hunter2";
                         void run() {}
                     }
                    """);
            w.provider.enqueue(ScriptedResponse.text("""
                    One problem.
                    ```json
                    {"findings":[{"file":"src/App.java","line":2,"severity":"error","message":"Hard-coded password"},
                     {"file":"src/Gone.java","line":9,"severity":"warning","message":"Not in this diff"}]}
                    ```"""));
            Path findings = dir.resolve("findings.json");
            RunnerWorld.Result r = w.run(w.env(Map.of()), "", concat(List.of("review", "--diff-file", diff.toString(),
                    "--findings-file", findings.toString(), "--fail-on", "error", "--working-directory",
                    dir.toString()), w.modelArgs().toArray(String[]::new)));
            assertEquals(3, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("at or above error"), r.stderr());
            JsonNode json = new ObjectMapper().readTree(findings.toFile());
            assertEquals(2, json.path("findings").size(), json.toString());
            assertEquals("src/App.java", json.path("findings").get(0).path("file").asText());
            assertEquals(2, json.path("findings").get(0).path("line").asInt());
            assertTrue(r.stdout().contains("Hard-coded password"), r.stdout());
            assertTrue(r.stdout().contains("(not in the diff)"), r.stdout());
            assertTrue(w.provider.requests().get(0).lastUserPrompt().contains("hunter2"), "the diff was sent");
        }
    }

    @Test
    void inGithubActionsOutputsSummaryAndInertModelText() throws Exception {
        try (RunnerWorld w = new RunnerWorld()) {
            Path output = dir.resolve("output.txt");
            Path summary = dir.resolve("summary.md");
            Files.createFile(output);
            Files.createFile(summary);
            String hostile = "Done.\n::set-output name=response::pwned\n::add-mask::x\n::error::fake\n"
                    + "##[error]fake\n\u001B[8mha:AAAA\u001B[0m<script>alert(1)</script>\nEOF";
            w.provider.enqueue(ScriptedResponse.text(hostile));
            RunnerWorld.Result r = w.run(w.env(Map.of("GITHUB_ACTIONS", "true", "GITHUB_OUTPUT", output.toString(),
                    "GITHUB_STEP_SUMMARY", summary.toString(), "GITHUB_RUN_ID", "777", "GITHUB_JOB", "build",
                    "GITHUB_REPOSITORY", "acme/app", "GITHUB_TOKEN", "ghs_secretvalue123", "RUNNER_TEMP",
                    dir.toString())), "", concat(List.of("prompt", "--prompt", "go"),
                    w.modelArgs().toArray(String[]::new)));
            assertEquals(0, r.exitCode(), r.stderr());
            String out = r.stdout();
            assertTrue(out.contains("::add-mask::ghs_secretvalue123"), "tokens are masked in the log");
            int stop = out.indexOf("::stop-commands::");
            assertTrue(stop >= 0, out);
            String token = out.substring(stop + 17, out.indexOf('\n', stop));
            int resume = out.indexOf("::" + token + "::");
            int injected = out.indexOf("::set-output name=response::pwned");
            assertTrue(stop < injected && injected < resume, "model text only inside the stop-commands block");
            assertFalse(out.contains("\u001B"), "escape sequences stripped");

            String outputs = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(outputs.startsWith("response<<"), outputs);
            String delimiter = outputs.substring("response<<".length(), outputs.indexOf('\n'));
            assertFalse(hostile.contains(delimiter));
            assertTrue(outputs.contains("session-id"), outputs);
            String md = Files.readString(summary, StandardCharsets.UTF_8);
            assertFalse(md.contains("<script>"), "no raw HTML in the summary: " + md);
        }
    }

    @Test
    void benchPrintsOneJsonLineOfLifecycleStatistics() throws Exception {
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.respondWith(r -> ScriptedResponse.text(
                    r.lastUserPrompt().substring(r.lastUserPrompt().lastIndexOf(':') + 1).strip()));
            try (CliServerFixture server = CliServerFixture.builder().environment(w.offline).connectionToken("bt-1")
                    .start()) {
                RunnerWorld.Result r = w.run(w.env(Map.of("COPILOT_CONNECTION_TOKEN", "bt-1")), "", List.of("bench",
                        "--cli-url", server.url(), "--model", "test-model", "--provider-base-url",
                        w.provider.baseUrl(), "--n", "6", "--concurrency", "3"));
                assertEquals(0, r.exitCode(), r.stderr());
                JsonNode line = new ObjectMapper().readTree(r.stdout().strip());
                assertEquals("java", line.path("client").asText());
                assertEquals(6, line.path("n").asInt());
                assertEquals(3, line.path("conc").asInt());
                assertEquals(0, line.path("failures").asInt());
                for (String f : List.of("median_ms", "p90_ms", "max_ms", "wall_ms", "per_s")) {
                    assertTrue(line.path(f).asDouble() > 0, f + " in " + line);
                }
                assertTrue(line.path("median_ms").asLong() <= line.path("p90_ms").asLong());
                assertTrue(line.path("p90_ms").asLong() <= line.path("max_ms").asLong());
            }
        }
    }

    @Test
    void mistakesExitWithOneClearLine() {
        List<Long> childrenBefore = children();
        try (RunnerWorld w = new RunnerWorld()) {
            RunnerWorld.Result noModel = w.run(w.env(Map.of()), "", List.of("prompt", "--prompt", "x"));
            assertEquals(2, noModel.exitCode());
            assertTrue(noModel.stderr().contains("--model is required"), noModel.stderr());
            assertEquals(1, noModel.stderr().strip().lines().count(), noModel.stderr());

            RunnerWorld.Result badUrl = w.run(w.env(Map.of()), "", List.of("prompt", "--cli-url", "tcp://x:1",
                    "--model", "m", "--prompt", "x"));
            assertEquals(2, badUrl.exitCode());
            assertTrue(badUrl.stderr().contains("Invalid Copilot CLI URL"), badUrl.stderr());

            RunnerWorld.Result unreachable = w.run(w.env(Map.of()), "", List.of("prompt", "--cli-url",
                    "127.0.0.1:1", "--model", "m", "--prompt", "x"));
            assertEquals(1, unreachable.exitCode());
            assertTrue(unreachable.stderr().contains("Cannot reach a Copilot CLI server"), unreachable.stderr());

            RunnerWorld.Result empty = w.run(w.env(Map.of()), "  ", concat(List.of("prompt", "--prompt-file", "-"),
                    w.modelArgs().toArray(String[]::new)));
            assertEquals(2, empty.exitCode());
            assertTrue(empty.stderr().contains("The prompt is empty"), empty.stderr());

            // The CLI is spawned before the inputs are read, yet a mistake in the inputs still wins over a missing CLI.
            String noCli = dir.resolve("no-such-copilot").toString();
            RunnerWorld.Result emptyNoCli = w.run(w.env(Map.of()), "  ", List.of("prompt", "--prompt-file", "-",
                    "--cli-path", noCli, "--model", "m"));
            assertEquals(2, emptyNoCli.exitCode(), emptyNoCli.stderr());
            assertTrue(emptyNoCli.stderr().contains("The prompt is empty"), emptyNoCli.stderr());
            RunnerWorld.Result missingCli = w.run(w.env(Map.of()), "", List.of("prompt", "--prompt", "x",
                    "--cli-path", noCli, "--model", "m"));
            assertEquals(1, missingCli.exitCode(), missingCli.stderr());
            assertTrue(missingCli.stderr().contains("does not exist"), missingCli.stderr());

            // An empty diff needs no model and no CLI at all.
            Path emptyDiff = dir.resolve("empty.diff");
            writeQuietly(emptyDiff);
            RunnerWorld.Result nothing = w.run(w.env(Map.of()), "", List.of("review", "--diff-file",
                    emptyDiff.toString(), "--findings-file", dir.resolve("f.json").toString()));
            assertEquals(0, nothing.exitCode(), nothing.stderr());
            assertEquals("No changes to review.\n", nothing.stdout());

            RunnerWorld.Result badId = w.run(w.env(Map.of()), "", concat(List.of("prompt", "--prompt", "x",
                    "--session-id", "job.42"), w.modelArgs().toArray(String[]::new)));
            assertEquals(2, badId.exitCode(), badId.stderr());
            assertTrue(badId.stderr().contains("Invalid session id 'job.42'"), badId.stderr());

            // One command's option given to another is a mistake, not silently ignored.
            RunnerWorld.Result misplaced = w.run(w.env(Map.of()), "", List.of("prompt", "--prompt", "x",
                    "--fail-on", "error"));
            assertEquals(2, misplaced.exitCode(), misplaced.stderr());
            assertTrue(misplaced.stderr().contains("--fail-on is an option of review, not of prompt"),
                    misplaced.stderr());

            RunnerWorld.Result unknown = w.run(w.env(Map.of()), "", List.of("frobnicate"));
            assertEquals(2, unknown.exitCode());
            RunnerWorld.Result help = w.run(w.env(Map.of()), "", List.of("--help"));
            assertEquals(0, help.exitCode());
            for (String flag : List.of("--cli-url", "--cli-path", "--model", "--provider-type", "--provider-base-url",
                    "--provider-api-key-env", "--prompt", "--prompt-file", "--session-id", "--timeout",
                    "--permissions", "--diff-file", "--base", "--log-file", "--post", "--n", "--concurrency",
                    "--instructions")) {
                assertTrue(help.stdout().contains(flag), "help documents " + flag);
            }
        }
        // The empty prompt is found after our CLI started booting (it boots while inputs are read): it was stopped.
        assertEquals(childrenBefore, children(), "no CLI left behind by a failed run");
    }

    private static void writeQuietly(Path file) {
        try {
            Files.writeString(file, "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Long> children() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).sorted()
                .toList();
    }
}
