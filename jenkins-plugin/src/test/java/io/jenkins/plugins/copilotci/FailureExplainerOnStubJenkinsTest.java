package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import hudson.model.Result;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Auto-explain without pipeline changes: completed builds fed to our RunListener against the stub Jenkins, explained
 * by the REAL Copilot CLI (a shared server, the global CLI URL) answering from a scripted model; the pool is gated so
 * each test sees the queued state before the explanation runs.
 */
@Timeout(120)
class FailureExplainerOnStubJenkinsTest {
    @TempDir
    Path home;
    @RegisterExtension
    final ScriptedCopilot cli = new ScriptedCopilot();
    private TestGlobal global;
    private GatedExecutor pool;
    private PendingExplanations pending;
    private FailureExplainer explainer;
    private AutoExplainListener listener;
    private RecordingListener console;

    /** The global configuration as JCasC would set it; no JENKINS_HOME to load from or save to. */
    static final class TestGlobal extends CopilotGlobalConfiguration {
        @Override
        public synchronized void load() {
        }

        @Override
        public synchronized void save() {
        }
    }

    @BeforeEach
    void start() {
        global = new TestGlobal();
        cli.configured(global);
        global.setAutoExplain(true);
        pool = new GatedExecutor();
        pending = new PendingExplanations(home.resolve("pending.txt"));
        explainer = explainer(pool, pending);
        listener = new AutoExplainListener(() -> explainer);
        console = new RecordingListener();
    }

    private FailureExplainer explainer(GatedExecutor executor, PendingExplanations index) {
        return new FailureExplainer(() -> global, (settings, run) -> CopilotCredentials.of(null, null, null),
                executor, HourlyQuota.perHour(), index);
    }

    private FakeRun failedRun(String folder, int number, Result result) throws Exception {
        FakeRun run = new FakeRun(new FakeJob(folder, "app"), number);
        run.result = result;
        run.log.add("[INFO] Compiling 12 source files");
        run.log.add("[ERROR] App.java:[3,8] cannot find symbol: class Foo");
        run.log.add("[INFO] BUILD FAILURE");
        return run;
    }

    @Test
    void failedBuildIsExplainedInTheBackgroundAndItsResultIsUnchanged() throws Exception {
        cli.model().enqueue(ScriptedResponse.text("The class Foo is missing.\nAdd it or fix the import."));
        FakeRun run = failedRun("team", 42, Result.FAILURE);

        listener.onCompleted(run, console);

        CopilotRunAction action = CopilotRunAction.find(run);
        assertEquals("auto", action.getExplaining(), "queued: the page shows 'explaining…'");
        assertTrue(action.getRecords().isEmpty());
        assertEquals(0, cli.model().requests().size(), "onCompleted returned before any model call");
        assertEquals(List.of("team/app#42"), pending.list(), "remembered for a restart");
        assertTrue(console.text().contains("[copilot] explaining this failure in the background"), console.text());

        pool.release().get(90, TimeUnit.SECONDS);

        assertNull(action.getExplaining());
        assertEquals(1, action.getRecords().size());
        PromptRecord record = action.getRecords().get(0);
        assertEquals("autoExplain", record.getKind());
        assertEquals("The class Foo is missing.\nAdd it or fix the import.", record.getAnswer());
        assertEquals("The class Foo is missing. Add it or fix the import.", action.getExplanationSummary());
        assertNull(action.getExplanationSkipped());
        assertTrue(cli.model().requests().get(0).body().toString().contains("cannot find symbol: class Foo"),
                "the failing part of the log was sent");
        assertEquals(Result.FAILURE, run.getResult(), "the build's result is never changed");
        assertTrue(pending.list().isEmpty());
        assertTrue(run.saves >= 2, "the marker and the answer are saved with the build");
    }

    @Test
    void aJobInAFolderIsExplainedWithTheFolderModel() throws Exception {
        cli.model().enqueue(ScriptedResponse.text("Foo is missing."));
        CopilotFolderProperty folderSettings = new CopilotFolderProperty();
        folderSettings.setModel("folder-model");
        StubJenkins.FakeFolder folder = new StubJenkins.FakeFolder(new StubJenkins.Folder(""), "team-a");
        folder.getProperties().add(folderSettings);
        FakeRun run = new FakeRun(new FakeJob(folder, "app"), 5);
        run.result = Result.FAILURE;
        run.log.add("[ERROR] App.java:[3,8] cannot find symbol: class Foo");

        listener.onCompleted(run, console);
        pool.release().get(90, TimeUnit.SECONDS);

        PromptRecord record = CopilotRunAction.find(run).getRecords().get(0);
        assertEquals("folder-model", record.getModel(), "the folder's model, not the global test-model");
        assertTrue(cli.model().requests().get(0).body().toString().contains("folder-model"));
    }

    @Test
    void successfulBuildGetsNothing() throws Exception {
        FakeRun run = failedRun("team", 1, Result.SUCCESS);
        listener.onCompleted(run, console);
        assertNull(CopilotRunAction.find(run));
        assertEquals(0, pool.waiting());
        assertEquals("", console.text());
    }

    @Test
    void unstableOnlyWhenAsked() throws Exception {
        FakeRun run = failedRun("team", 2, Result.UNSTABLE);
        listener.onCompleted(run, console);
        assertEquals(0, pool.waiting());
        global.setAutoExplainUnstable(true);
        listener.onCompleted(run, console);
        assertEquals(1, pool.waiting());
    }

    @Test
    void excludedJobsAreLeftAlone() throws Exception {
        global.setAutoExplainExclude("sandbox/.*");
        FakeRun excluded = failedRun("sandbox", 3, Result.FAILURE);
        listener.onCompleted(excluded, console);
        assertNull(CopilotRunAction.find(excluded));
        assertEquals(0, pool.waiting());

        listener.onCompleted(failedRun("team", 3, Result.FAILURE), console);
        assertEquals(1, pool.waiting(), "other jobs still are");
    }

    @Test
    void exhaustedQuotaRecordsWhyTheBuildWasSkipped() throws Exception {
        global.setAutoExplainPerHour(1);
        FakeRun first = failedRun("team", 4, Result.FAILURE);
        FakeRun second = failedRun("team", 5, Result.FAILURE);
        listener.onCompleted(first, console);
        listener.onCompleted(second, console);

        assertEquals(1, pool.waiting());
        CopilotRunAction skipped = CopilotRunAction.find(second);
        assertNull(skipped.getExplaining());
        assertTrue(skipped.getExplanationSkipped().contains("limit of 1 automatic explanations per hour"),
                skipped.getExplanationSkipped());
        assertEquals(List.of("team/app#4"), pending.list());
        assertEquals(Result.FAILURE, second.getResult());
    }

    @Test
    void withoutACliUrlTheSkipReasonSaysWhatToConfigure() throws Exception {
        global.setCliUrls("");
        FakeRun run = failedRun("team", 6, Result.FAILURE);
        listener.onCompleted(run, console);
        assertEquals(0, pool.waiting());
        assertTrue(CopilotRunAction.find(run).getExplanationSkipped().contains("needs a CLI URL"));
    }

    @Test
    void aFailedExplanationIsRecordedNotThrown() throws Exception {
        global.setModel(null);
        FakeRun run = failedRun("team", 7, Result.FAILURE);
        listener.onCompleted(run, console);
        pool.release().get(90, TimeUnit.SECONDS);
        CopilotRunAction action = CopilotRunAction.find(run);
        assertNull(action.getExplaining());
        assertTrue(action.getExplanationSkipped().startsWith("Explanation failed: No model"),
                action.getExplanationSkipped());
        assertTrue(pending.list().isEmpty());
    }

    @Test
    void aQueuedExplanationIsRequeuedAfterARestart() throws Exception {
        FakeRun before = failedRun("team", 8, Result.FAILURE);
        listener.onCompleted(before, console);
        pool.dropAll(); // the controller stops before the pool runs it

        // After the restart: the build as loaded from disk (its persisted fields), a new explainer, the same index.
        FakeRun after = failedRun("team", 8, Result.FAILURE);
        CopilotRunAction loaded = reloaded(CopilotRunAction.find(before));
        after.getActions().add(loaded);
        loaded.onLoad(after);
        pending.add("team/deleted#1"); // a build deleted meanwhile
        FakeRun done = failedRun("team", 9, Result.FAILURE);
        CopilotRunAction.of(done); // no marker: nothing to resume
        pending.add("team/app#9");

        GatedExecutor restarted = new GatedExecutor();
        FailureExplainer fresh = explainer(restarted, new PendingExplanations(home.resolve("pending.txt")));
        cli.model().enqueue(ScriptedResponse.text("Foo is missing."));
        int requeued = fresh.requeuePending(id -> id.equals("team/app#8") ? after
                : id.equals("team/app#9") ? done : null);

        assertEquals(1, requeued);
        assertEquals(List.of("team/app#8"), pending.list(), "stale ids dropped");
        restarted.release().get(90, TimeUnit.SECONDS);
        assertNull(loaded.getExplaining());
        assertEquals("Foo is missing.", loaded.getRecords().get(0).getAnswer());
        assertTrue(pending.list().isEmpty());
    }

    /** What XStream does on load: a fresh instance with every non-transient field restored. */
    private static CopilotRunAction reloaded(CopilotRunAction saved) throws Exception {
        CopilotRunAction copy = new CopilotRunAction();
        for (Field f : CopilotRunAction.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) || Modifier.isTransient(m)) {
                continue;
            }
            f.setAccessible(true);
            if (Modifier.isFinal(m)) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) f.get(copy);
                list.addAll((List<?>) f.get(saved));
            } else {
                f.set(copy, f.get(saved));
            }
        }
        assertEquals("auto", copy.getExplaining(), "the marker is a persisted field");
        return copy;
    }

    @Test
    void aFullQueueIsRecordedOnTheBuild() throws Exception {
        FailureExplainer saturated = new FailureExplainer(() -> global, (s, r) -> CopilotCredentials.of(null, null, null),
                task -> {
                    throw new RejectedExecutionException("full");
                }, HourlyQuota.perHour(), pending);
        FakeRun run = failedRun("team", 11, Result.FAILURE);
        assertFalse(saturated.onCompleted(run));
        CopilotRunAction action = CopilotRunAction.find(run);
        assertNull(action.getExplaining());
        assertTrue(action.getExplanationSkipped().contains("already waiting"), action.getExplanationSkipped());
        assertTrue(pending.list().isEmpty());
    }

    @Test
    void aBuildItsPipelineAlreadyExplainedIsNotExplainedTwice() throws Exception {
        FakeRun run = failedRun("team", 12, Result.FAILURE);
        dev.copilotci.job.JobOutput output = dev.copilotci.job.JobOutput.masking(List.of(), line -> { });
        CopilotRunAction.of(run).add(PromptRecord.answered("explainFailure", "why?",
                new dev.copilotci.client.TurnResult("s", "m", "because", new dev.copilotci.client.Usage("m", 1, 1, 0, 1,
                        java.time.Duration.ZERO), java.time.Duration.ZERO, null), List.of(), output));
        listener.onCompleted(run, console);
        assertEquals(0, pool.waiting());
    }

    @Test
    void theListenerTargetsEveryRun() {
        assertEquals(hudson.model.Run.class, listener.targetType);
    }

    @Test
    void invalidPatternTurnsAutoExplainOff() throws Exception {
        global.setAutoExplainInclude("team/(");
        listener.onCompleted(failedRun("team", 10, Result.FAILURE), console);
        assertEquals(0, pool.waiting());
        assertFalse(AutoExplainRules.of(global, List.of()).enabled());
    }
}
