package io.jenkins.plugins.copilotci;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import hudson.model.Result;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * An explanation still queued when the controller stops is run after the restart (profile {@code jenkins} only):
 * core calls our ItemListener's {@code onLoaded} once the jobs are loaded, and the build found through the index
 * gets its answer. JenkinsSessionRule runs each session inside the test method, so the CLI server of
 * {@link OfflineCopilotRule} serves both sessions, as a shared server outlives a controller restart.
 */
public class CopilotExplainRequeueJenkinsTest {
    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Rule
    public OfflineCopilotRule copilot = new OfflineCopilotRule();

    @Test
    public void aQueuedExplanationRunsAfterARestart() throws Throwable {
        sessions.then(r -> {
            copilot.configureGlobally(); // saved in JENKINS_HOME; auto-explain off, so nothing runs in this session
            WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE,
                    CopilotJenkinsTestCase.failingPipeline(r, "app"));
            // What a controller stopped with the explanation still queued leaves behind: the marker saved with the
            // build and the build's id in the controller's index.
            CopilotRunAction.of(b).markExplaining(FailureExplainer.AUTO);
            new PendingExplanations(FailureExplainer.pendingIndex(r.jenkins.getRootDir().toPath()))
                    .add(b.getExternalizableId());
            assertTrue(copilot.model().requests().isEmpty());
        });
        copilot.model().enqueue(ScriptedResponse.text("The class Foo is missing."));
        sessions.then(r -> {
            CopilotRunAction action = OfflineCopilotRule.awaitExplanation(
                    () -> r.jenkins.getItemByFullName("app", WorkflowJob.class).getBuildByNumber(1));
            assertEquals(1, action.getRecords().size());
            assertEquals("autoExplain", action.getRecords().get(0).getKind());
            assertEquals("The class Foo is missing.", action.getRecords().get(0).getAnswer());
            assertNull(action.getExplanationSkipped());
            assertEquals("explained once", 1, copilot.model().requests().size());
        });
    }
}
