package io.jenkins.plugins.copilotci;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import org.junit.Test;
import org.jvnet.hudson.test.TestBuilder;

/**
 * The freestyle front end in a real Jenkins (profile {@code jenkins} only): core runs the post-build action and the
 * build step through its build-step layer (the stubs cannot), and their configuration forms bind back to the same
 * objects.
 */
public class CopilotFreestyleJenkinsTest extends CopilotJenkinsTestCase {
    @Test
    public void thePostBuildActionExplainsAFailedBuild() throws Exception {
        copilot.configureGlobally(); // auto-explain off: the post-build action alone explains
        copilot.model().enqueue(ScriptedResponse.text("The class Foo is missing."));
        FreeStyleProject p = r.createFreeStyleProject("fs");
        p.getBuildersList().add(TestBuilder.of((build, launcher, listener) -> {
            listener.getLogger().println("[ERROR] App.java:[3,8] cannot find symbol: class Foo");
            build.setResult(Result.FAILURE);
        }));
        p.getPublishersList().add(new CopilotExplainFailureRecorder());

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        CopilotRunAction action = b.getAction(CopilotRunAction.class);
        assertNotNull(action);
        assertEquals(1, action.getRecords().size());
        assertEquals("explainFailure", action.getRecords().get(0).getKind());
        assertEquals("The class Foo is missing.", action.getRecords().get(0).getAnswer());
        assertTrue("the failing part of the log was sent",
                copilot.model().requests().get(0).body().toString().contains("cannot find symbol: class Foo"));
    }

    @Test
    public void theBuildStepAsksAndTheBuildSucceeds() throws Exception {
        copilot.configureGlobally();
        copilot.model().enqueue(ScriptedResponse.text("Three files changed."));
        FreeStyleProject p = r.createFreeStyleProject("fs");
        p.getBuildersList().add(new AskCopilotBuilder("Summarise the changes"));

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        CopilotRunAction action = b.getAction(CopilotRunAction.class);
        assertNotNull(action);
        assertEquals(1, action.getRecords().size());
        assertEquals("prompt", action.getRecords().get(0).getKind());
        assertEquals("Three files changed.", action.getRecords().get(0).getAnswer());
        assertTrue(copilot.model().requests().get(0).lastUserPrompt().contains("Summarise the changes"));
    }

    @Test
    public void bothRoundTripThroughTheirConfigurationForms() throws Exception {
        CopilotExplainFailureRecorder recorder = new CopilotExplainFailureRecorder();
        recorder.setMaxLines(300);
        recorder.setUnstable(true);
        recorder.setModel("gpt-test");
        r.assertEqualDataBoundBeans(recorder, r.configRoundtrip(recorder));

        AskCopilotBuilder builder = new AskCopilotBuilder("Summarise the changes");
        builder.setModel("gpt-test");
        builder.setPermissions("readOnly");
        builder.setTimeout(120);
        r.assertEqualDataBoundBeans(builder, r.configRoundtrip(builder));
    }
}
