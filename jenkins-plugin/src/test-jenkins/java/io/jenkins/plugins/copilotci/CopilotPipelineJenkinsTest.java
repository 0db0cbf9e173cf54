package io.jenkins.plugins.copilotci;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;

import dev.copilotci.offline.ScriptedResponse;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Test;

/**
 * In a real Jenkins (profile {@code jenkins} only): the steps in a sandboxed Pipeline against the real Copilot CLI
 * and the scripted model, and the Snippetizer's view of them.
 */
public class CopilotPipelineJenkinsTest extends CopilotJenkinsTestCase {
    @Test
    public void withCopilotAndCopilotPromptInASandboxedPipeline() throws Exception {
        copilot.model().enqueue(ScriptedResponse.text("The build is red because of a failing test."));
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(
                "withCopilot(cliUrl: '" + copilot.cliUrl() + "', model: 'test-model', providerBaseUrl: '"
                        + copilot.model().baseUrl() + "') {\n"
                        + "  def answer = copilotPrompt 'Why is the build red?'\n"
                        + "  echo \"answer=${answer}\"\n"
                        + "}", true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("answer=The build is red because of a failing test.", b);
        CopilotRunAction action = b.getAction(CopilotRunAction.class);
        assertNotNull(action);
        assertSame(b, action.getRun());
        assertEquals(1, action.getRecords().size());
        assertEquals("The build is red because of a failing test.", action.getRecords().get(0).getAnswer());
    }

    @Test
    public void snippetizerRoundTrips() throws Exception {
        SnippetizerTester st = new SnippetizerTester(r);
        st.assertRoundTrip(new CopilotPromptStep("Why is the build red?"), "copilotPrompt 'Why is the build red?'");
        CopilotPromptStep configured = new CopilotPromptStep("Review");
        configured.setModel("gpt-test");
        st.assertRoundTrip(configured, "copilotPrompt model: 'gpt-test', prompt: 'Review'");
        WithCopilotStep block = new WithCopilotStep();
        block.setPermissions("readOnly");
        st.assertRoundTrip(block, "withCopilot(permissions: 'readOnly') {\n    // some block\n}");
    }
}
