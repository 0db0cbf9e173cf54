package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.tasks.BuildStepMonitor;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The freestyle post-build action and build step, called as core's {@code BuildStepCompatibilityLayer} calls a
 * {@code SimpleBuildStep} (the workspace overload), against the stub Jenkins with the REAL Copilot CLI (one shared
 * server, as a CLI URL configures it) answering from a scripted model.
 */
@Timeout(120)
class FreestyleStepsOnStubJenkinsTest {
    @RegisterExtension
    static final ScriptedCopilot cli = new ScriptedCopilot();
    private FakeRun run;
    private RecordingListener console;
    /** Requests the shared model had answered before this test (one model serves the whole class). */
    private int before;
    @TempDir
    Path workspace;

    @BeforeEach
    void newBuild() throws Exception {
        run = new FakeRun(new FakeJob("team", "freestyle"), 7);
        run.log.add("[INFO] Compiling 12 source files");
        run.log.add("[ERROR] App.java:[3,8] cannot find symbol: class Foo");
        run.log.add("[INFO] BUILD FAILURE");
        console = new RecordingListener();
        before = sent().size();
    }

    private java.util.List<dev.copilotci.offline.RecordedRequest> sent() {
        java.util.List<dev.copilotci.offline.RecordedRequest> all = cli.model().requests();
        return all.subList(before, all.size());
    }

    private CopilotExplainFailureRecorder recorder() {
        CopilotExplainFailureRecorder recorder = new CopilotExplainFailureRecorder();
        recorder.setCliUrl(cli.url());
        recorder.setModel("test-model");
        recorder.setProviderBaseUrl(cli.model().baseUrl());
        return recorder;
    }

    private AskCopilotBuilder builder(String prompt) {
        AskCopilotBuilder builder = new AskCopilotBuilder(prompt);
        builder.setCliUrl(cli.url());
        builder.setModel("test-model");
        builder.setProviderBaseUrl(cli.model().baseUrl());
        return builder;
    }

    /** What core does for a build with a workspace: the five-argument perform. */
    private void perform(jenkins.tasks.SimpleBuildStep step) throws Exception {
        step.perform(run, new FilePath(workspace.toFile()), new EnvVars(), new LocalTestLauncher(console), console);
    }

    @Test
    void failedBuildGetsItsExplanationOnTheBuildPageAndKeepsItsResult() throws Exception {
        run.result = Result.FAILURE;
        cli.model().enqueue(ScriptedResponse.text("The class Foo is missing.\nAdd it or fix the import."));

        perform(recorder());

        CopilotRunAction action = CopilotRunAction.find(run);
        assertEquals(1, action.getRecords().size());
        PromptRecord record = action.getRecords().get(0);
        assertEquals("explainFailure", record.getKind(), "auto-explain sees it as explained and does not pay twice");
        assertEquals("The class Foo is missing.\nAdd it or fix the import.", record.getAnswer());
        assertTrue(record.getSessionId().startsWith("ci-team_freestyle-7-1-"), record.getSessionId());
        assertTrue(sent().get(0).body().toString().contains("cannot find symbol: class Foo"),
                "the failing part of the log was sent");
        String log = console.text();
        assertTrue(log.contains("[copilot] explaining the failure from "), log);
        assertTrue(log.contains("[copilot] The class Foo is missing."), log);
        assertTrue(log.contains("[link /job/team/freestyle/7/copilot/|Copilot: all answers of this build]"), log);
        assertEquals(Result.FAILURE, run.getResult(), "the build's result is never changed");
        assertEquals(BuildStepMonitor.NONE, recorder().getRequiredMonitorService());
    }

    /** Auto-explain on the same controller must not explain the build again (and pay twice) once it completes. */
    @Test
    void autoExplainSkipsABuildTheRecorderExplained() throws Exception {
        run.result = Result.FAILURE;
        cli.model().enqueue(ScriptedResponse.text("The class Foo is missing."));
        perform(recorder());

        FailureExplainerOnStubJenkinsTest.TestGlobal global = new FailureExplainerOnStubJenkinsTest.TestGlobal();
        cli.configured(global);
        global.setAutoExplain(true);
        GatedExecutor pool = new GatedExecutor();
        FailureExplainer explainer = new FailureExplainer(() -> global,
                (settings, r) -> CopilotCredentials.of(null, null, null), pool, HourlyQuota.perHour(),
                new PendingExplanations(workspace.resolve("pending.txt")));

        assertFalse(explainer.onCompleted(run), "already explained by its post-build action");
        assertEquals(0, pool.waiting());
        assertEquals(1, CopilotRunAction.find(run).getRecords().size());
        assertEquals(1, sent().size());
    }

    @Test
    void successfulAndUnstableBuildsGetNothingUnlessUnstableIsChosen() throws Exception {
        run.result = Result.SUCCESS;
        perform(recorder());
        run.result = null; // still running, nothing failed so far
        perform(recorder());
        run.result = Result.UNSTABLE;
        perform(recorder());
        assertNull(CopilotRunAction.find(run));
        assertEquals(0, sent().size());
        assertEquals("", console.text());

        cli.model().enqueue(ScriptedResponse.text("FooTest is flaky."));
        CopilotExplainFailureRecorder unstable = recorder();
        unstable.setUnstable(true);
        perform(unstable);
        assertEquals("FooTest is flaky.", CopilotRunAction.find(run).getRecords().get(0).getAnswer());
        assertEquals(Result.UNSTABLE, run.getResult());
    }

    @Test
    void explanationThatCannotRunLeavesTheResultAndSaysWhy() throws Exception {
        run.result = Result.FAILURE;
        CopilotExplainFailureRecorder noModel = recorder();
        noModel.setModel(null);

        perform(noModel); // does not throw: a post-build action that explains never fails the build

        assertEquals(Result.FAILURE, run.getResult());
        assertTrue(console.text().contains("[copilot] could not explain the failure: Copilot: No model"),
                console.text());
        assertEquals(0, sent().size());
    }

    @Test
    void askCopilotRunsThePromptAndRecordsIt() throws Exception {
        cli.model().enqueue(ScriptedResponse.text("Ship it."));

        perform(builder("Is this release ready?"));

        PromptRecord record = CopilotRunAction.find(run).getRecords().get(0);
        assertEquals("prompt", record.getKind());
        assertEquals("Is this release ready?", record.getPrompt());
        assertEquals("Ship it.", record.getAnswer());
        assertEquals("test-model", record.getModel());
        assertTrue(console.text().contains("[copilot] Ship it."), console.text());
        assertTrue(sent().get(0).body().toString().contains("Is this release ready?"));
    }

    @Test
    void askCopilotFailsTheBuildStepWithAClearMessageWithoutAModel() {
        AskCopilotBuilder noModel = builder("hi");
        noModel.setModel(null);
        AbortException e = assertThrows(AbortException.class, () -> perform(noModel));
        assertTrue(e.getMessage().startsWith("Copilot: No model:"), e.getMessage());
        assertTrue(e.getMessage().contains("Manage Jenkins → System → Copilot"), e.getMessage());
        assertEquals(0, sent().size());
    }

    @Test
    void askCopilotFailsTheBuildStepWithAClearMessageWithoutACli() {
        AskCopilotBuilder noCli = builder("hi");
        noCli.setCliUrl(null);
        // No workspace (core's three-argument perform): no agent to start the CLI on, and no CLI URL.
        AbortException e = assertThrows(AbortException.class, () -> noCli.perform(run, new EnvVars(), console));
        assertTrue(e.getMessage().startsWith("Copilot: No Copilot CLI to use: set a CLI URL"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void askCopilotWithAnEmptyPromptFails() {
        AbortException e = assertThrows(AbortException.class, () -> perform(builder(" ")));
        assertEquals("Copilot: the prompt of 'Ask Copilot' is empty", e.getMessage());
    }
}
