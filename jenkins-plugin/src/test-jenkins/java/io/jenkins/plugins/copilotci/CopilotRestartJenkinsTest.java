package io.jenkins.plugins.copilotci;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;

import dev.copilotci.testsupport.CliServerFixture;
import dev.copilotci.offline.OfflineCliEnvironment;
import dev.copilotci.offline.ScriptedModelProvider;
import dev.copilotci.offline.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.RestartableJenkinsRule;

/**
 * The build's Copilot page survives a controller restart: build.xml written by XStream2, read back, and the action
 * re-attached to its build (profile {@code jenkins} only).
 */
public class CopilotRestartJenkinsTest {
    private static final String KEY = "sk-restart-1234567890";

    @Rule
    public RestartableJenkinsRule rr = new RestartableJenkinsRule();

    @Test
    public void recordsSurviveARestart() {
        rr.then(r -> {
            try (ScriptedModelProvider model = ScriptedModelProvider.start();
                 OfflineCliEnvironment offline = OfflineCliEnvironment.create(model);
                 CliServerFixture server = CliServerFixture.start(offline)) {
                model.enqueue(ScriptedResponse.text("Answer before the restart."));
                WorkflowJob p = r.createProject(WorkflowJob.class, "p");
                p.setDefinition(new CpsFlowDefinition(
                        "withCopilot(cliUrl: '" + server.url() + "', model: 'test-model', providerBaseUrl: '"
                                + model.baseUrl() + "') { copilotPrompt 'Explain " + KEY + "' }", true));
                r.buildAndAssertSuccess(p);
            }
        });
        rr.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            CopilotRunAction action = b.getAction(CopilotRunAction.class);
            assertNotNull("loaded from build.xml", action);
            assertSame("onLoad re-attached it", b, action.getRun());
            assertEquals(1, action.getRecords().size());
            assertEquals("Answer before the restart.", action.getRecords().get(0).getAnswer());
            String buildXml = Files.readString(b.getRootDir().toPath().resolve("build.xml"), StandardCharsets.UTF_8);
            assertFalse("the live run is transient", buildXml.contains("<run>"));
        });
    }
}
