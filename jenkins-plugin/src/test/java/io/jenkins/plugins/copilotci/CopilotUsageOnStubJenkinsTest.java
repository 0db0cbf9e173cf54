package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.copilotci.CopilotUsage.Counters;
import io.jenkins.plugins.copilotci.FailureExplainerOnStubJenkinsTest.TestGlobal;
import io.jenkins.plugins.copilotci.StubJenkins.FakeContext;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The controller's usage counters, fed where the plugin records prompts and skips: a prompt step and an automatic
 * explanation answered by the REAL Copilot CLI (a shared server) from a scripted model, a rate-limited skip, the
 * split per folder, and the JSON file in JENKINS_HOME surviving a restart.
 */
@Timeout(120)
class CopilotUsageOnStubJenkinsTest {
    @TempDir
    Path home;
    @RegisterExtension
    final ScriptedCopilot cli = new ScriptedCopilot();
    private Path file;
    private CopilotUsage usage;
    private final RecordingListener console = new RecordingListener();

    @BeforeEach
    void start() {
        file = home.resolve(CopilotUsage.class.getName() + ".json");
        usage = new CopilotUsage(CopilotUsage.jsonFile(file));
    }

    /** A build whose Copilot action counts into this test's counters (Jenkins: the controller's). */
    private FakeRun run(String folder, int number) throws Exception {
        FakeRun run = new FakeRun(new FakeJob(folder, "app"), number);
        run.addAction(new CopilotRunAction(usage));
        return run;
    }

    private Object prompt(FakeRun run, String prompt) throws Exception {
        FakeContext context = new FakeContext(run, console);
        FakeContext.start(cli.configured(new CopilotPromptStep(prompt)), context);
        return context.await();
    }

    private FailureExplainer explainer(TestGlobal global, GatedExecutor pool) {
        return new FailureExplainer(() -> global, (s, r) -> CopilotCredentials.of(null, null, null), pool,
                HourlyQuota.perHour(), new PendingExplanations(home.resolve("pending.txt")));
    }

    @Test
    void aPromptStepCountsOnePromptItsModelCallsAndTokens() throws Exception {
        cli.model().enqueue(ScriptedResponse.text("The build is red because FooTest failed."));
        FakeRun run = run("team", 1);

        prompt(run, "Why is the build red?");

        PromptRecord record = CopilotRunAction.find(run).getRecords().get(0);
        Counters total = usage.total();
        assertEquals(1, total.prompts());
        assertEquals(0, total.explanations(), "a free prompt is no explanation");
        assertEquals(cli.model().requests().size(), total.modelCalls(), "every model request the CLI made");
        assertTrue(total.modelCalls() >= 1, total.toString());
        assertTrue(total.inputTokens() > 0 && total.outputTokens() > 0, total.toString());
        assertEquals(record.getInputTokens(), total.inputTokens());
        assertEquals(record.getOutputTokens(), total.outputTokens());
        assertEquals(0, total.failures());
        assertEquals(Map.of("team", total), usage.perFolder());
    }

    @Test
    void aFailedPromptCountsAsAFailure() throws Exception {
        cli.model().enqueue(ScriptedResponse.httpError(400, "{\"error\":{\"message\":\"bad request\"}}"));
        FakeRun run = run("team", 2);

        assertThrows(AbortException.class, () -> prompt(run, "Why?"));

        assertTrue(CopilotRunAction.find(run).getRecords().get(0).isFailed());
        assertEquals(1, usage.total().prompts());
        assertEquals(1, usage.total().failures());
        assertEquals(0, usage.total().outputTokens());
    }

    @Test
    void anAutoExplanationAndARateLimitedSkipAreCountedPerFolder() throws Exception {
        TestGlobal global = new TestGlobal();
        cli.configured(global);
        global.setAutoExplain(true);
        global.setAutoExplainPerHour(1);
        GatedExecutor pool = new GatedExecutor();
        FailureExplainer explainer = explainer(global, pool);
        cli.model().enqueue(ScriptedResponse.text("The class Foo is missing."));
        FakeRun explained = run("team", 3);
        explained.result = Result.FAILURE;
        explained.log.add("[ERROR] cannot find symbol: class Foo");
        FakeRun skipped = run("payments", 4);
        skipped.result = Result.FAILURE;

        assertTrue(explainer.onCompleted(explained));
        assertEquals(false, explainer.onCompleted(skipped), "the hourly limit of 1 is reached");
        pool.release().get(90, TimeUnit.SECONDS);

        assertEquals("autoExplain", CopilotRunAction.find(explained).getRecords().get(0).getKind());
        Counters team = usage.perFolder().get("team");
        assertEquals(1, team.explanations());
        assertEquals(1, team.prompts());
        assertTrue(team.modelCalls() >= 1 && team.inputTokens() > 0, team.toString());
        assertEquals(0, team.rateLimitedSkips());
        assertEquals(new Counters(0, 0, 0, 0, 0, 0, 1), usage.perFolder().get("payments"));
        assertEquals(team.plus(usage.perFolder().get("payments")), usage.total());
        assertEquals(Set.of("team", "payments"), usage.perFolder().keySet());
    }

    @Test
    void countersSurviveARestart() throws Exception {
        usage.prompt("team/app", "explainFailure", false, 2, 100, 20);
        usage.prompt("team/lib/main", "prompt", true, 0, 0, 0);
        usage.prompt("solo", "review", false, 1, 50, 5);
        usage.rateLimitedSkip("solo");
        assertTrue(Files.isRegularFile(file), "written on change");
        assertTrue(Files.notExists(file.resolveSibling(file.getFileName() + ".tmp")), "moved into place");

        CopilotUsage reloaded = new CopilotUsage(CopilotUsage.jsonFile(file));

        assertEquals(new Counters(1, 2, 2, 100, 20, 1, 0), reloaded.perFolder().get("team"));
        assertEquals(new Counters(0, 1, 1, 50, 5, 0, 1), reloaded.perFolder().get("solo"));
        assertEquals(usage.total(), reloaded.total());
        assertEquals(usage.perFolder(), reloaded.perFolder());
        assertEquals(new Counters(1, 3, 3, 150, 25, 1, 1), reloaded.total());
    }

    @Test
    void anUnreadableFileStartsFromZeroAndIsReplaced() throws Exception {
        Files.writeString(file, "{not json");
        CopilotUsage fresh = new CopilotUsage(CopilotUsage.jsonFile(file));
        assertEquals(Counters.ZERO, fresh.total());
        fresh.rateLimitedSkip("team/app");
        assertEquals(1, new CopilotUsage(CopilotUsage.jsonFile(file)).total().rateLimitedSkips());
    }

    @Test
    void theFileStaysBoundedWhateverTheNumberOfFolders() {
        for (int i = 0; i < CopilotUsage.MAX_FOLDERS + 50; i++) {
            usage.rateLimitedSkip("folder" + i + "/app");
        }
        assertEquals(CopilotUsage.MAX_FOLDERS + 1, usage.perFolder().size(), "the first ones, plus one for the rest");
        assertEquals(50, usage.perFolder().get(CopilotUsage.OTHER).rateLimitedSkips());
        assertEquals(CopilotUsage.MAX_FOLDERS + 50, usage.total().rateLimitedSkips());
    }
}
