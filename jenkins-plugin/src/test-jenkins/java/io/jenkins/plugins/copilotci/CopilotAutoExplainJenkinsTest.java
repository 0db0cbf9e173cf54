package io.jenkins.plugins.copilotci;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import hudson.model.Result;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Test;

/**
 * Auto-explain in a real Jenkins (profile {@code jenkins} only): core fires our RunListener when a Pipeline build
 * fails, the explanation runs on the controller against the shared CLI server, and its answer, or the reason it was
 * skipped, lands on the build's Copilot page.
 */
public class CopilotAutoExplainJenkinsTest extends CopilotJenkinsTestCase {
    @Test
    public void aFailedBuildIsExplainedOnItsCopilotPageAndAnExcludedJobIsNot() throws Exception {
        CopilotGlobalConfiguration global = copilot.configureGlobally();
        global.setAutoExplain(true);
        global.setAutoExplainExclude("sandbox-.*");
        copilot.model().enqueue(ScriptedResponse.text("The class Foo is missing: add it or fix the import."));

        WorkflowRun excluded = r.buildAndAssertStatus(Result.FAILURE, failingPipeline(r, "sandbox-app"));
        // The listener decides while core completes the build, before the build's future resolves.
        assertNull("an excluded job is left alone", CopilotRunAction.find(excluded));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, failingPipeline(r, "app"));
        r.waitForCompletion(b);
        r.assertLogContains("[copilot] explaining this failure in the background", b);
        CopilotRunAction action = OfflineCopilotRule.awaitExplanation(() -> b);

        assertEquals(1, action.getRecords().size());
        PromptRecord record = action.getRecords().get(0);
        assertEquals("autoExplain", record.getKind());
        assertEquals("The class Foo is missing: add it or fix the import.", record.getAnswer());
        assertNull(action.getExplanationSkipped());
        assertEquals("the build's result is never changed", Result.FAILURE, b.getResult());
        assertEquals("one model call: none for the excluded job", 1, copilot.model().requests().size());
        assertTrue("the failing part of the log was sent",
                copilot.model().requests().get(0).body().toString().contains("cannot find symbol: class Foo"));
        assertNull(CopilotRunAction.find(excluded));

        String page = r.createWebClient().getPage(b, CopilotRunAction.URL_NAME + "/").getWebResponse()
                .getContentAsString();
        assertTrue(page, page.contains("The class Foo is missing: add it or fix the import."));
    }

    @Test
    public void anExhaustedHourlyQuotaIsRecordedOnTheSkippedBuildAndCounted() throws Exception {
        CopilotGlobalConfiguration global = copilot.configureGlobally();
        global.setAutoExplain(true);
        global.setAutoExplainPerHour(1);
        copilot.model().enqueue(ScriptedResponse.text("The class Foo is missing."));
        WorkflowJob p = failingPipeline(r, "app");

        WorkflowRun first = r.buildAndAssertStatus(Result.FAILURE, p);
        WorkflowRun second = r.buildAndAssertStatus(Result.FAILURE, p);

        CopilotRunAction skipped = CopilotRunAction.find(second);
        assertNotNull("the skip is recorded on the build", skipped);
        assertNull(skipped.getExplaining());
        assertTrue(skipped.getExplanationSkipped(),
                skipped.getExplanationSkipped().contains("limit of 1 automatic explanations per hour"));
        assertTrue(skipped.getRecords().isEmpty());
        assertEquals(1, OfflineCopilotRule.awaitExplanation(() -> first).getRecords().size());
        assertEquals("only the first build reached the model", 1, copilot.model().requests().size());

        CopilotUsage.Counters total = CopilotUsageLink.lookup().total();
        assertEquals(1, total.rateLimitedSkips());
        assertEquals(1, total.explanations());
        String page = r.createWebClient().getPage(second, CopilotRunAction.URL_NAME + "/").getWebResponse()
                .getContentAsString();
        assertTrue(page, page.contains("limit of 1 automatic explanations per hour"));
    }
}
