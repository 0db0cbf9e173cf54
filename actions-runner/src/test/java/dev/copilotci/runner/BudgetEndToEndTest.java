package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A model that never stops calling tools is stopped by --max-model-calls; usage reaches the outputs. Real CLI. */
@Timeout(180)
class BudgetEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aLoopingAgentIsStoppedAtTheModelCallLimit() throws Exception {
        try (RunnerWorld w = new RunnerWorld()) {
            Files.writeString(dir.resolve("a.txt"), "hello\n");
            // Every answer asks for one more tool call: without a budget this runs until the turn's deadline.
            w.provider.respondWith(r -> ScriptedResponse.toolCall("view",
                    "{\"path\":\"" + dir.resolve("a.txt").toString() + "\"}"));
            List<String> args = new ArrayList<>(List.of("prompt", "--prompt", "loop", "--permissions", "read-only",
                    "--max-model-calls", "3", "--working-directory", dir.toString()));
            args.addAll(w.modelArgs());
            long start = System.nanoTime();
            RunnerWorld.Result r = w.run(w.env(Map.of()), "", args);
            assertEquals(1, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("it needed more than 3 model calls (--max-model-calls)"), r.stderr());
            assertEquals(3, w.provider.requests().size(), "no fourth model call was paid for");
            assertTrue((System.nanoTime() - start) / 1_000_000_000L < 60, "stopped at once, not at the deadline");
        }
    }

    @Test
    void usageReachesTheOutputs() throws Exception {
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.respondWith(r -> ScriptedResponse.text("fine"));
            Path output = dir.resolve("output");
            Files.createFile(output);
            List<String> args = new ArrayList<>(List.of("prompt", "--prompt", "hi", "--working-directory",
                    dir.toString()));
            args.addAll(w.modelArgs());
            RunnerWorld.Result r = w.run(w.env(Map.of("GITHUB_ACTIONS", "true", "GITHUB_OUTPUT", output.toString(),
                    "RUNNER_TEMP", dir.toString())), "", args);
            assertEquals(0, r.exitCode(), r.stderr());
            String outputs = Files.readString(output);
            List<String> lines = outputs.lines().toList();
            assertTrue(lines.contains("model-calls=1"), outputs);
            for (String name : List.of("tokens-in", "tokens-out", "duration-ms")) {
                assertTrue(lines.stream().anyMatch(l -> l.matches(name + "=[1-9][0-9]*")), name + ": " + outputs);
            }
        }
    }
}
