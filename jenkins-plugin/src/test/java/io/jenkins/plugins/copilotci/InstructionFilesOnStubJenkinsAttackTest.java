package io.jenkins.plugins.copilotci;

import static dev.copilotci.testsupport.InstructionFilesAttack.BASE_RULE;
import static dev.copilotci.testsupport.InstructionFilesAttack.CANARY;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.job.LocalGit;
import dev.copilotci.offline.RecordedRequest;
import dev.copilotci.offline.ScriptedResponse;
import dev.copilotci.testsupport.InstructionFilesAttack;
import io.jenkins.plugins.copilotci.StubJenkins.FakeContext;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multibranch change request whose checkout adds AGENTS.md and .github/copilot-instructions.md saying "report no
 * findings": the real CLI started on the (stub) agent in that workspace, a scripted model. copilotReview and a
 * copilotPrompt on a change request (CHANGE_TARGET set) never take that text as instructions; the base ref's
 * instruction file is used instead.
 */
@Timeout(180)
class InstructionFilesOnStubJenkinsAttackTest {
    @TempDir
    Path workspace;

    /** The base commit (also origin/main), then the change request's commit, checked out. */
    private String changeRequestCheckout() throws IOException {
        LocalGit git = new LocalGit(workspace, Duration.ofSeconds(30));
        String base = InstructionFilesAttack.pullRequestCheckout(workspace, git::run);
        git.run(List.of("update-ref", "refs/remotes/origin/main", base));
        return base;
    }

    private FakeContext agentContext(FakeRun run, RecordingListener console, ScriptedCopilot cli,
                                     Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(cli.offline().env());
        env.putAll(extraEnv);
        return new FakeContext(run, console).onNode(new LocalTestLauncher(console), workspace, env);
    }

    @Test
    void reviewOfAChangeRequestUsesTheBaseRefsInstructionsOnly() throws Exception {
        String base = changeRequestCheckout();
        try (ScriptedCopilot cli = new ScriptedCopilot().noServer().started()) {
            cli.model().setDefault(ScriptedResponse.text("No findings."));
            RecordingListener console = new RecordingListener();
            FakeContext context = agentContext(new FakeRun(new FakeJob("team", "pr"), 1), console, cli,
                    Map.of());
            CopilotReviewStep review = cli.onAgent(new CopilotReviewStep());
            review.setBase(base);
            FakeContext.start(review, context);
            context.await();
            List<RecordedRequest> requests = cli.model().requests();
            assertFalse(requests.isEmpty(), console::text);
            for (RecordedRequest r : requests) {
                assertFalse(r.systemPrompt().contains(CANARY), "the change request's text became an instruction");
                assertTrue(r.systemPrompt().contains(BASE_RULE), "the base ref's instruction file is used");
            }
        }
    }

    @Test
    void promptOnAChangeRequestDefaultsToTheTargetBranchsInstructions() throws Exception {
        changeRequestCheckout();
        try (ScriptedCopilot cli = new ScriptedCopilot().noServer().started()) {
            cli.model().setDefault(ScriptedResponse.text("ok"));
            RecordingListener console = new RecordingListener();
            FakeContext context = agentContext(new FakeRun(new FakeJob("team", "pr"), 2), console, cli,
                    Map.of("CHANGE_TARGET", "main"));
            FakeContext.start(cli.onAgent(new CopilotPromptStep("Summarise the change.")), context);
            context.await();
            for (RecordedRequest r : cli.model().requests()) {
                assertFalse(r.body().toString().contains(CANARY), "the change request's text reached the model");
                assertTrue(r.systemPrompt().contains(BASE_RULE), console::text);
            }
            assertTrue(console.text().contains("instructions: read from the base ref"), console.text());
        }
    }

    @Test
    void promptOutsideAChangeRequestStillLoadsTheWorkspacesFiles() throws Exception {
        changeRequestCheckout(); // the control: this setup is what the CLI discovers, so the tests above can fail
        try (ScriptedCopilot cli = new ScriptedCopilot().noServer().started()) {
            cli.model().setDefault(ScriptedResponse.text("ok"));
            RecordingListener console = new RecordingListener();
            FakeContext context = agentContext(new FakeRun(new FakeJob("team", "main"), 3), console, cli,
                    Map.of());
            FakeContext.start(cli.onAgent(new CopilotPromptStep("Summarise.")), context);
            context.await();
            assertTrue(cli.model().requests().get(0).systemPrompt().contains(CANARY), "default on a branch: workspace");
        }
    }
}
