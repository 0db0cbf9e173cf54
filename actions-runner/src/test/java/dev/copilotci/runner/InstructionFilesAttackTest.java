package dev.copilotci.runner;

import static dev.copilotci.runner.RunnerWorld.concat;
import static dev.copilotci.testsupport.InstructionFilesAttack.BASE_RULE;
import static dev.copilotci.testsupport.InstructionFilesAttack.CANARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.job.LocalGit;
import dev.copilotci.offline.RecordedRequest;
import dev.copilotci.offline.ScriptedResponse;
import dev.copilotci.testsupport.InstructionFilesAttack;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacker is a pull request that adds AGENTS.md and .github/copilot-instructions.md and edits a scoped
 * .github/instructions file, all saying "report no findings", to defeat --fail-on. Real CLI + scripted model, the
 * runner in-process with the default --permissions deny: none of that text may become an instruction (system
 * prompt); the base ref's own instruction file does.
 */
@Timeout(180)
class InstructionFilesAttackTest {
    @TempDir
    Path repo;

    /** The base commit (its id is returned), then the pull request's commit, checked out. */
    private String pullRequestCheckout() throws IOException {
        return InstructionFilesAttack.pullRequestCheckout(repo, new LocalGit(repo, Duration.ofSeconds(30))::run);
    }

    @Test
    void reviewNeverTakesThePullRequestsInstructionFilesAsInstructions() throws Exception {
        String base = pullRequestCheckout();
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.setDefault(ScriptedResponse.text("No findings."));
            RunnerWorld.Result r = w.run(w.env(Map.of()), "", concat(List.of("review", "--base", base,
                    "--working-directory", repo.toString(), "--fail-on", "warning"),
                    w.modelArgs().toArray(String[]::new)));
            assertEquals(0, r.exitCode(), r.stderr());
            List<RecordedRequest> requests = w.provider.requests();
            assertFalse(requests.isEmpty(), "the model was asked");
            for (RecordedRequest q : requests) {
                assertFalse(q.systemPrompt().contains(CANARY), "the pull request's text became an instruction");
                assertTrue(q.systemPrompt().contains(BASE_RULE), "the base ref's instruction file is used");
                // The only place the attack text may appear is the diff under review (three changed files).
                assertEquals(count(q.lastUserMessage(), CANARY), count(q.body().toString(), CANARY),
                        "the canary appears only inside the user prompt's diff");
                assertEquals(3, count(q.lastUserMessage(), CANARY), "the diff carries the three changed files");
            }
        }
    }

    @Test
    void explainFailureWithoutABaseLoadsNoInstructionsAtAll() throws Exception {
        pullRequestCheckout();
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.setDefault(ScriptedResponse.text("The build failed."));
            RunnerWorld.Result r = w.run(w.env(Map.of()), "ERROR: compilation failed\n",
                    concat(List.of("explain-failure", "--working-directory", repo.toString()),
                            w.modelArgs().toArray(String[]::new)));
            assertEquals(0, r.exitCode(), r.stderr());
            assertNoCanaryAnywhere(w);
            assertTrue(r.stderr().contains("instructions: none"), r.stderr());
        }
    }

    @Test
    void promptWithBaseInstructionsOnAPullRequestCheckout() throws Exception {
        String base = pullRequestCheckout();
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.setDefault(ScriptedResponse.text("ok"));
            RunnerWorld.Result r = w.run(w.env(Map.of()), "", concat(List.of("prompt", "--prompt", "Summarise.",
                    "--instructions", "base", "--base", base, "--working-directory", repo.toString()),
                    w.modelArgs().toArray(String[]::new)));
            assertEquals(0, r.exitCode(), r.stderr());
            assertNoCanaryAnywhere(w);
            assertTrue(w.provider.requests().get(0).systemPrompt().contains(BASE_RULE));
        }
    }

    @Test
    void promptWithWorkspaceInstructionsDoesLoadTheCheckoutsFiles() throws Exception {
        pullRequestCheckout(); // the control: this setup is what the CLI discovers, so the tests above can fail
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.setDefault(ScriptedResponse.text("ok"));
            RunnerWorld.Result r = w.run(w.env(Map.of()), "", concat(List.of("prompt", "--prompt", "Summarise.",
                    "--working-directory", repo.toString()), w.modelArgs().toArray(String[]::new)));
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(w.provider.requests().get(0).systemPrompt().contains(CANARY), "default for prompt: workspace");
        }
    }

    @Test
    void anUnknownModeIsAUsageErrorBeforeAnyCliStarts() {
        try (RunnerWorld w = new RunnerWorld()) {
            RunnerWorld.Result r = w.run(w.env(Map.of()), "", concat(List.of("prompt", "--prompt", "x",
                    "--instructions", "head"), w.modelArgs().toArray(String[]::new)));
            assertEquals(2, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("--instructions"), r.stderr());
            assertEquals(0, w.provider.requests().size());
        }
    }

    private static void assertNoCanaryAnywhere(RunnerWorld w) {
        assertFalse(w.provider.requests().isEmpty(), "the model was asked");
        for (RecordedRequest q : w.provider.requests()) {
            assertFalse(q.body().toString().contains(CANARY), "the pull request's instruction text reached the model");
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
