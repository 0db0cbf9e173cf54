package io.jenkins.plugins.copilotci;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import hudson.model.Item;
import hudson.model.Result;
import java.net.URL;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * "Explain with Copilot" through Jenkins' real web layer (profile {@code jenkins} only): Stapler's {@code @POST},
 * core's CSRF crumb filter and a real authorization strategy. Someone who may read the job but not build it must not
 * spend the model budget; a builder (Item/Build implies Copilot/Explain) gets an explanation on the Copilot page.
 */
public class CopilotExplainButtonJenkinsTest extends CopilotJenkinsTestCase {
    private static final String EXPLAIN = ExplainAction.URL_NAME + "/explain";

    private WorkflowRun failed;

    @Before
    public void failedBuildAndUsers() throws Exception {
        copilot.configureGlobally(); // auto-explain off: only the button explains
        failed = r.buildAndAssertStatus(Result.FAILURE, failingPipeline(r, "app"));

        // Initialises the plugin's permissions (if the extension had not yet) so the grant below can imply them.
        assertSame(Item.BUILD, CopilotPermissions.EXPLAIN.impliedBy);
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader", "builder")
                .grant(Item.BUILD).everywhere().to("builder"));
    }

    private Page post(JenkinsRule.WebClient wc, URL url) throws Exception {
        wc.setThrowExceptionOnFailingStatusCode(false);
        return wc.getPage(new WebRequest(url, HttpMethod.POST));
    }

    @Test
    public void aReaderWithoutBuildPermissionIsRefused() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("reader");
        Page page = post(wc, wc.createCrumbedUrl(failed.getUrl() + EXPLAIN));
        assertEquals(403, page.getWebResponse().getStatusCode());
        assertNull("nothing queued", CopilotRunAction.find(failed));
        assertTrue(copilot.model().requests().isEmpty());
    }

    @Test
    public void aPostWithoutTheCrumbIsRefused() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("builder");
        Page page = post(wc, new URL(wc.getContextPath() + failed.getUrl() + EXPLAIN));
        assertEquals(403, page.getWebResponse().getStatusCode());
        assertNull("nothing queued", CopilotRunAction.find(failed));
    }

    @Test
    public void aBuilderGetsTheExplanationOnTheCopilotPage() throws Exception {
        copilot.model().enqueue(ScriptedResponse.text("The class Foo is missing."));
        JenkinsRule.WebClient wc = r.createWebClient().login("builder");
        Page page = post(wc, wc.createCrumbedUrl(failed.getUrl() + EXPLAIN));
        assertEquals(200, page.getWebResponse().getStatusCode());
        assertTrue("redirected to the build's Copilot page: " + page.getUrl(),
                page.getUrl().toString().endsWith(failed.getUrl() + CopilotRunAction.URL_NAME + "/"));

        CopilotRunAction action = OfflineCopilotRule.awaitExplanation(() -> failed);
        assertEquals(1, action.getRecords().size());
        assertEquals("explain", action.getRecords().get(0).getKind());
        assertEquals("The class Foo is missing.", action.getRecords().get(0).getAnswer());
        String copilotPage = wc.getPage(failed, CopilotRunAction.URL_NAME + "/").getWebResponse().getContentAsString();
        assertTrue(copilotPage, copilotPage.contains("The class Foo is missing."));
    }
}
