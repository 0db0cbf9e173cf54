package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import io.jenkins.plugins.copilotci.StubJenkins.FakeContext;
import io.jenkins.plugins.copilotci.StubJenkins.FakeFolder;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.Folder;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Folder settings: global &lt; outer folder &lt; inner folder &lt; step, field by field, through the one merge; and a
 * prompt in a job inside a folder reaching the REAL CLI server the folder names, with the folder's model.
 */
@Timeout(120)
class FolderSettingsOnStubJenkinsTest {
    private static CopilotFolderProperty property(String cliUrls, String model, String permissions, int timeout) {
        CopilotFolderProperty p = new CopilotFolderProperty();
        p.setCliUrls(cliUrls);
        p.setModel(model);
        p.setPermissions(permissions);
        p.setTimeoutSeconds(timeout);
        return p;
    }

    /** outer/inner folders around a job; each folder gets the property given (or none when null). */
    private static FakeJob jobIn(CopilotFolderProperty outerProperty, CopilotFolderProperty innerProperty) {
        FakeFolder outer = new FakeFolder(new Folder(""), "outer");
        FakeFolder middle = new FakeFolder(outer, "middle"); // a folder without the property is skipped
        FakeFolder inner = new FakeFolder(middle, "inner");
        if (outerProperty != null) {
            outer.getProperties().add(outerProperty);
        }
        if (innerProperty != null) {
            inner.getProperties().add(innerProperty);
        }
        return new FakeJob(inner, "app");
    }

    @Test
    void chainIsNearestFirstAndSkipsFoldersWithoutTheProperty() {
        CopilotFolderProperty outer = property("ws://outer:1", null, null, 0);
        CopilotFolderProperty inner = property(null, "inner-model", null, 0);
        FakeJob job = jobIn(outer, inner);
        assertEquals("outer/middle/inner/app", job.getFullName());
        assertEquals(List.of(inner, outer), CopilotFolderProperty.chainOf(job));
        assertEquals(List.of(), CopilotFolderProperty.chainOf(new FakeJob("team", "top")), "no folder: no layer");
    }

    @Test
    void nearestNonEmptyValueWinsFieldByFieldAndTheStepWinsOverAll() {
        CopilotGlobalConfiguration global = new FailureExplainerOnStubJenkinsTest.TestGlobal();
        global.setCliUrls("ws://global:1");
        global.setModel("global-model");
        global.setPermissions("deny");
        global.setTimeoutSeconds(100);
        global.setProviderBaseUrl("http://global-provider");
        global.setGithubTokenCredentialsId("global-token");
        CopilotFolderProperty outer = property("ws://outer:1", "outer-model", "readOnly", 200);
        outer.setGithubTokenCredentialsId("outer-token");
        CopilotFolderProperty inner = property("  ", "inner-model", "", 0); // blank and 0 fall through
        List<CopilotFolderProperty> chain = CopilotFolderProperty.chainOf(jobIn(outer, inner));

        CopilotSettings s = CopilotSettings.merge(global, chain, new CopilotOverrides());
        assertEquals(List.of("ws://outer:1"), s.cliUrls, "inner blank: outer's");
        assertEquals("inner-model", s.model, "inner wins");
        assertEquals("readOnly", s.permissions, "inner empty: outer's");
        assertEquals(200, s.timeoutSeconds, "inner 0: outer's");
        assertEquals("outer-token", s.githubTokenCredentialsId);
        assertEquals("http://global-provider", s.providerBaseUrl, "no folder sets it: global");
        assertNull(s.connectionTokenCredentialsId, "set nowhere");

        CopilotOverrides step = new CopilotOverrides();
        step.model = "step-model";
        step.timeout = 5;
        step.permissions = "allowAll";
        CopilotSettings withStep = CopilotSettings.merge(global, chain, step);
        assertEquals("step-model", withStep.model);
        assertEquals(5, withStep.timeoutSeconds);
        assertEquals("allowAll", withStep.permissions);
        assertEquals(List.of("ws://outer:1"), withStep.cliUrls, "fields the step leaves out still come from folders");

        CopilotSettings noFolders = CopilotSettings.merge(global, List.of(), new CopilotOverrides());
        assertEquals("global-model", noFolders.model);
        assertEquals(100, noFolders.timeoutSeconds);
        assertEquals(List.of("ws://global:1"), noFolders.cliUrls);
    }

    @Test
    void promptInAFolderJobUsesTheFolderCliServerAndModel() throws Exception {
        try (ScriptedCopilot cli = new ScriptedCopilot().started()) {
            cli.model().enqueue(ScriptedResponse.text("from the folder's server"));
            CopilotFolderProperty folder = property(cli.url(), "folder-model", null, 0);
            folder.setProviderBaseUrl(cli.model().baseUrl());
            FakeRun run = new FakeRun(jobIn(null, folder), 7);
            RecordingListener console = new RecordingListener();
            FakeContext context = new FakeContext(run, console);
            // The step names neither a CLI URL nor a model: both can only come from the folder.
            FakeContext.start(new CopilotPromptStep("Why?"), context);

            assertEquals("from the folder's server", context.outcome.get(90, TimeUnit.SECONDS), console.text());
            PromptRecord record = CopilotRunAction.find(run).getRecords().get(0);
            assertEquals("folder-model", record.getModel());
            assertTrue(cli.model().requests().get(0).body().toString().contains("folder-model"),
                    cli.model().requests().get(0).body().toString());
        }
    }
}
