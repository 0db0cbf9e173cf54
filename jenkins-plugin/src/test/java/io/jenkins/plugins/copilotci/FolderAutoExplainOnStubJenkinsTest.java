package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.OfflineCliEnvironment;
import dev.copilotci.offline.ScriptedModelProvider;
import dev.copilotci.offline.ScriptedResponse;
import dev.copilotci.testsupport.CliServerFixture;
import hudson.model.ItemGroup;
import hudson.model.Result;
import io.jenkins.plugins.copilotci.FailureExplainerOnStubJenkinsTest.TestGlobal;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.Folder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Auto-explain as folders override it: the nearest folder that says on or off decides (inherit falls through to the
 * folder above, then to the global switch), a folder's hourly limit caps its jobs on top of the controller's, and a
 * skip records which limit was reached and is counted. Explanations run on the REAL Copilot CLI (a shared server)
 * answering from a scripted model.
 */
@Timeout(120)
class FolderAutoExplainOnStubJenkinsTest {
    @TempDir
    Path home;
    private ScriptedModelProvider model;
    private OfflineCliEnvironment offline;
    private CliServerFixture server;
    private TestGlobal global;
    private GatedExecutor pool;
    private FailureExplainer explainer;
    private CopilotUsage usage;
    private final Folder root = new Folder("");

    @BeforeEach
    void start() {
        model = ScriptedModelProvider.start();
        offline = OfflineCliEnvironment.create(model);
        server = CliServerFixture.start(offline);
        global = StubJenkins.globalFor(server, model);
        pool = new GatedExecutor();
        explainer = StubJenkins.explainer(global, pool, home.resolve("pending.txt"));
        usage = new CopilotUsage(CopilotUsage.jsonFile(home.resolve("usage.json")));
    }

    @AfterEach
    void stop() {
        server.close();
        model.close();
        offline.close();
    }

    private static CopilotFolderProperty autoExplain(String mode) {
        CopilotFolderProperty p = new CopilotFolderProperty();
        p.setAutoExplain(mode);
        return p;
    }

    private static CopilotFolderProperty perHour(int limit) {
        CopilotFolderProperty p = new CopilotFolderProperty();
        p.setAutoExplainPerHour(limit);
        return p;
    }

    /** A completed build of job {@code name} in {@code parent}, counting into this test's usage counters. */
    private FakeRun build(ItemGroup<?> parent, String name, int number, Result result) throws Exception {
        FakeRun run = new FakeRun(new FakeJob(parent, name), number);
        run.addAction(new CopilotRunAction(usage));
        run.result = result;
        run.log.add("[ERROR] App.java:[3,8] cannot find symbol: class Foo");
        return run;
    }

    @Test
    void aFolderSwitchedOnExplainsItsJobsWhileTheGlobalSwitchIsOff() throws Exception {
        CopilotFolderProperty outer = autoExplain("on");
        outer.setAutoExplainUnstable(true);
        outer.setAutoExplainExclude(".*/sandbox");
        CopilotFolderProperty inner = new CopilotFolderProperty(); // inherits auto-explain, sets the model
        inner.setModel("inner-model");
        StubJenkins.FakeFolder innerFolder = StubJenkins.folder(StubJenkins.folder(root, "org", outer), "team", inner);
        model.enqueue(ScriptedResponse.text("Foo is missing."));

        FakeRun unstable = build(innerFolder, "app", 1, Result.UNSTABLE);
        assertTrue(explainer.onCompleted(unstable), "outer's on, with its unstable setting, reaches the inner folder");
        assertFalse(explainer.onCompleted(build(innerFolder, "sandbox", 1, Result.FAILURE)), "outer's exclude");
        assertFalse(explainer.onCompleted(build(StubJenkins.folder(root, "elsewhere", null), "app", 1,
                Result.FAILURE)), "a folder without the property: the global switch, off");
        pool.release().get(90, TimeUnit.SECONDS);

        PromptRecord record = CopilotRunAction.find(unstable).getRecords().get(0);
        assertEquals("Foo is missing.", record.getAnswer());
        assertEquals("inner-model", record.getModel(), "the session itself takes the nearest folder's model");
        assertEquals(1, model.requests().size());
        assertEquals(1, usage.total().explanations());
    }

    @Test
    void aFolderSwitchedOffLeavesItsJobsAloneWhileTheGlobalSwitchIsOn() throws Exception {
        global.setAutoExplain(true);
        StubJenkins.FakeFolder off = StubJenkins.folder(StubJenkins.folder(root, "org", null), "quiet",
                autoExplain("off"));
        StubJenkins.FakeFolder inheriting = StubJenkins.folder(off, "inner", autoExplain(""));

        FakeRun quiet = build(inheriting, "app", 1, Result.FAILURE);
        assertFalse(explainer.onCompleted(quiet), "inner inherits the nearest decision: off");
        assertNull(CopilotRunAction.find(quiet).getExplaining());
        assertNull(CopilotRunAction.find(quiet).getExplanationSkipped(), "switched off is no skip to report");
        assertTrue(explainer.onCompleted(build(StubJenkins.folder(root, "loud", null), "app", 1, Result.FAILURE)));
        assertEquals(1, pool.waiting());
    }

    @Test
    void anExhaustedFolderQuotaRecordsTheFolderAndIsCounted() throws Exception {
        global.setAutoExplain(true);
        global.setAutoExplainPerHour(30);
        CopilotFolderProperty limited = perHour(1);
        StubJenkins.FakeFolder teamA = StubJenkins.folder(root, "team-a", limited);
        StubJenkins.FakeFolder nested = StubJenkins.folder(teamA, "libs", perHour(0)); // 0: team-a's limit applies
        StubJenkins.FakeFolder teamB = StubJenkins.folder(root, "team-b", perHour(1));
        model.enqueue(ScriptedResponse.text("Foo is missing in A."));
        model.enqueue(ScriptedResponse.text("Foo is missing in B."));

        FakeRun first = build(teamA, "app", 1, Result.FAILURE);
        FakeRun second = build(nested, "lib", 1, Result.FAILURE);
        FakeRun other = build(teamB, "app", 1, Result.FAILURE);
        assertTrue(explainer.onCompleted(first));
        assertFalse(explainer.onCompleted(second), "team-a's one per hour is spent, also for its subfolders");
        assertTrue(explainer.onCompleted(other), "team-b has its own hour, and the controller's 30 are not spent");
        pool.release().get(90, TimeUnit.SECONDS);

        CopilotRunAction skipped = CopilotRunAction.find(second);
        assertEquals("Not explained automatically: the limit of 1 automatic explanations per hour in folder team-a"
                + " was reached", skipped.getExplanationSkipped());
        assertTrue(skipped.getRecords().isEmpty());
        assertEquals(Result.FAILURE, second.getResult());
        assertEquals(1, usage.perFolder().get("team-a").rateLimitedSkips(), "counted for the folder");
        assertEquals(1, usage.perFolder().get("team-a").explanations());
        assertEquals(1, usage.perFolder().get("team-b").explanations());
        assertEquals(1, usage.total().rateLimitedSkips());
        assertEquals(2, model.requests().size(), "no model call for the skipped build");

        limited.setAutoExplainPerHour(2); // a raised folder limit applies at once
        assertTrue(explainer.onCompleted(build(teamA, "app", 2, Result.FAILURE)));
    }

    @Test
    void eachTopLevelFolderHasTheGlobalPerFolderLimitUnlessItSetsItsOwn() throws Exception {
        global.setAutoExplain(true);
        global.setAutoExplainPerHour(100);
        global.setAutoExplainPerFolderPerHour(1);
        StubJenkins.FakeFolder teamA = StubJenkins.folder(root, "team-a", null);
        StubJenkins.FakeFolder nested = StubJenkins.folder(teamA, "libs", null);
        StubJenkins.FakeFolder teamB = StubJenkins.folder(root, "team-b", null);
        StubJenkins.FakeFolder own = StubJenkins.folder(root, "team-c", perHour(2));
        for (int i = 0; i < 4; i++) {
            model.enqueue(ScriptedResponse.text("Foo is missing."));
        }

        assertTrue(explainer.onCompleted(build(teamA, "app", 1, Result.FAILURE)));
        FakeRun skipped = build(nested, "lib", 1, Result.FAILURE);
        assertFalse(explainer.onCompleted(skipped), "team-a's hour is spent, also for its subfolders");
        assertTrue(explainer.onCompleted(build(teamB, "app", 1, Result.FAILURE)), "team-b has its own hour");
        assertTrue(explainer.onCompleted(build(own, "app", 1, Result.FAILURE)));
        assertTrue(explainer.onCompleted(build(own, "app", 2, Result.FAILURE)), "team-c's own limit is 2");
        pool.release().get(90, TimeUnit.SECONDS);

        assertEquals("Not explained automatically: the limit of 1 automatic explanations per hour in folder team-a"
                + " was reached", CopilotRunAction.find(skipped).getExplanationSkipped());
        assertEquals(4, model.requests().size());
    }

    @Test
    void theControllerLimitStillAppliesInsideAFolderWithItsOwn() throws Exception {
        global.setAutoExplain(true);
        global.setAutoExplainPerHour(1);
        StubJenkins.FakeFolder generous = StubJenkins.folder(root, "team-a", perHour(10));
        assertTrue(explainer.onCompleted(build(generous, "app", 1, Result.FAILURE)));
        FakeRun skipped = build(generous, "app", 2, Result.FAILURE);
        assertFalse(explainer.onCompleted(skipped));
        assertEquals("Not explained automatically: the limit of 1 automatic explanations per hour on this controller"
                + " was reached", CopilotRunAction.find(skipped).getExplanationSkipped());
        assertEquals(1, usage.total().rateLimitedSkips());
    }

    @Test
    void aCliUrlFromTheFolderIsEnoughForAutoExplain() throws Exception {
        global.setCliUrls(null);
        global.setAutoExplain(true);
        CopilotFolderProperty withServer = new CopilotFolderProperty();
        withServer.setCliUrls(server.url());
        model.enqueue(ScriptedResponse.text("Foo is missing."));
        FakeRun run = build(StubJenkins.folder(root, "team", withServer), "app", 1, Result.FAILURE);

        assertTrue(explainer.onCompleted(run));
        pool.release().get(90, TimeUnit.SECONDS);
        assertEquals("Foo is missing.", CopilotRunAction.find(run).getRecords().get(0).getAnswer());

        FakeRun noServer = build(StubJenkins.folder(root, "other", null), "app", 1, Result.FAILURE);
        assertFalse(explainer.onCompleted(noServer));
        assertTrue(CopilotRunAction.find(noServer).getExplanationSkipped().contains("needs a CLI URL"));
    }
}
