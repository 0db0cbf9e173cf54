package io.jenkins.plugins.copilotci;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import com.cloudbees.hudson.plugins.folder.Folder;
import dev.copilotci.offline.ScriptedResponse;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Test;

/**
 * Folder → Configure → Copilot in a real Jenkins (profile {@code jenkins} only), with real cloudbees-folder folders
 * (the test harness's MockFolder is no AbstractFolder, so it cannot carry the property): field by field, the nearest
 * folder wins over the folders above it, and they over the global configuration.
 */
public class CopilotFolderSettingsJenkinsTest extends CopilotJenkinsTestCase {
    private static CopilotFolderProperty settings(String cliUrls, String model) {
        CopilotFolderProperty p = new CopilotFolderProperty();
        p.setCliUrls(cliUrls);
        p.setModel(model);
        return p;
    }

    private static WorkflowJob prompting(Folder folder, String name) throws Exception {
        WorkflowJob p = folder.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition("copilotPrompt 'Which model answers?'", true));
        return p;
    }

    @Test
    public void theNearestFolderWinsFieldByField() throws Exception {
        CopilotGlobalConfiguration global = copilot.configureGlobally();
        // Nothing listens there: a build that used the global URL instead of the folder's would fail.
        global.setCliUrls("127.0.0.1:9");
        global.setModel("global-model");
        copilot.model().setDefault(ScriptedResponse.text("Answered."));

        Folder team = r.createProject(Folder.class, "team");
        team.addProperty(settings(copilot.cliUrl(), "team-model"));
        Folder backend = team.createProject(Folder.class, "backend");
        backend.addProperty(settings(null, "backend-model")); // the URL falls through to team's

        WorkflowRun web = r.buildAndAssertSuccess(prompting(team, "web"));
        WorkflowRun svc = r.buildAndAssertSuccess(prompting(backend, "svc"));

        assertEquals("team-model", modelOf(web));
        assertEquals("backend-model", modelOf(svc));
        assertEquals("team-model", copilot.model().requests().get(0).model());
        assertEquals("backend-model", copilot.model().requests().get(1).model());
    }

    private static String modelOf(WorkflowRun b) {
        CopilotRunAction action = b.getAction(CopilotRunAction.class);
        assertNotNull(action);
        assertEquals(1, action.getRecords().size());
        return action.getRecords().get(0).getModel();
    }

    @Test
    public void theFolderFormRoundTrips() throws Exception {
        Folder team = r.createProject(Folder.class, "team");
        CopilotFolderProperty before = settings("127.0.0.1:4321", "team-model");
        before.setPermissions("readOnly");
        before.setTimeoutSeconds(90);
        team.addProperty(before);

        r.configRoundtrip(team);

        r.assertEqualDataBoundBeans(before, team.getProperties().get(CopilotFolderProperty.class));
    }
}
