package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import hudson.model.TaskListener;
import io.jenkins.plugins.copilotci.StubJenkins.FakeContext;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Inside withCopilot each copilotPrompt streams into its own step's log (what Pipeline views show under that step),
 * not into the block's: each inner step has a TaskListener of its own, as in workflow-cps (stub Jenkins).
 */
@Timeout(120)
class StepLogsOnStubJenkinsTest {
    @Test
    void eachPromptWritesToItsOwnStepsLog() throws Exception {
        try (ScriptedCopilot cli = new ScriptedCopilot().started()) {
            cli.model().enqueue(ScriptedResponse.text("FIRST-ANSWER"), ScriptedResponse.text("SECOND-ANSWER"));
            FakeRun run = new FakeRun(new FakeJob("team", "logs"), 9);
            RecordingListener blockLog = new RecordingListener();
            RecordingListener firstLog = new RecordingListener();
            RecordingListener secondLog = new RecordingListener();
            FakeContext block = new FakeContext(run, blockLog);
            block.body = body -> {
                try {
                    for (RecordingListener stepLog : new RecordingListener[] {firstLog, secondLog}) {
                        FakeContext step = new FakeContext(run, stepLog);
                        body.objects.forEach((k, v) -> {
                            if (k != TaskListener.class) {
                                step.objects.put(k, v);
                            }
                        });
                        FakeContext.start(new CopilotPromptStep("question"), step);
                        step.await();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            WithCopilotStep with = new WithCopilotStep();
            cli.configured(with);
            FakeContext.start(with, block);
            block.await();

            assertTrue(firstLog.text().contains("[copilot] FIRST-ANSWER"), firstLog.text());
            assertTrue(secondLog.text().contains("[copilot] SECOND-ANSWER"), secondLog.text());
            assertFalse(firstLog.text().contains("SECOND-ANSWER"), "each prompt in its own step's log");
            assertFalse(blockLog.text().contains("FIRST-ANSWER") || blockLog.text().contains("SECOND-ANSWER"),
                    "the block's log keeps its own lines only: " + blockLog.text());
            assertTrue(blockLog.text().contains("[copilot] session "), "the block's own lines stay there");
        }
    }

}
