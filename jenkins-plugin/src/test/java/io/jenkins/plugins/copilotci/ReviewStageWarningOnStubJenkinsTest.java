package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import hudson.FilePath;
import hudson.model.Action;
import hudson.model.Result;
import io.jenkins.plugins.copilotci.StubJenkins.FakeContext;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code copilotReview unstableOn:} marks the step's own FlowNode with a WarningAction(UNSTABLE), not only the build,
 * so the stage view shows which stage made the build unstable. Real CLI server, scripted model.
 */
@Timeout(120)
class ReviewStageWarningOnStubJenkinsTest {
    private static final String DIFF = String.join("\n",
            "diff --git a/src/App.java b/src/App.java", "--- a/src/App.java", "+++ b/src/App.java",
            "@@ -1,2 +1,3 @@", " class App {", "+  String password = \"hunter2\";", " }", "");

    @RegisterExtension
    final ScriptedCopilot cli = new ScriptedCopilot();
    private final FakeRun run = FakeRun.of("team", "app", 7);
    private final RecordingListener console = new RecordingListener();

    @Test
    void aFindingAtTheThresholdMarksTheStepsNodeUnstableNamingCountAndThreshold(@TempDir Path ws) throws Exception {
        cli.model().enqueue(ScriptedResponse.text("```json\n"
                + "[{\"file\":\"src/App.java\",\"line\":2,\"severity\":\"error\",\"message\":\"Hard-coded password\"},"
                + "{\"file\":\"src/App.java\",\"line\":2,\"severity\":\"warning\",\"message\":\"Unused field\"}]\n```"));
        StepNode node = new StepNode();
        FakeContext context = review(ws, "warning", node);

        assertEquals(List.of(Result.UNSTABLE), context.results);
        WarningAction warning = node.getAction(WarningAction.class);
        assertNotNull(warning, "the step's node carries the warning");
        assertEquals(Result.UNSTABLE, warning.getResult());
        assertEquals("2 finding(s) at or above warning: marking the build UNSTABLE", warning.getMessage());
        assertEquals(1, node.saved.size(), "the node's actions were saved through its FlowExecution");
    }

    @Test
    void findingsBelowTheThresholdLeaveTheNodeAlone(@TempDir Path ws) throws Exception {
        cli.model().enqueue(ScriptedResponse.text("```json\n"
                + "[{\"file\":\"src/App.java\",\"line\":2,\"severity\":\"notice\",\"message\":\"Naming\"}]\n```"));
        StepNode node = new StepNode();
        FakeContext context = review(ws, "error", node);

        assertEquals(List.of(), context.results);
        assertNull(node.getAction(WarningAction.class));
    }

    private FakeContext review(Path ws, String unstableOn, FlowNode node) throws Exception {
        Files.writeString(ws.resolve("change.diff"), DIFF);
        FakeContext context = new FakeContext(run, console);
        context.objects.put(FilePath.class, new FilePath(ws.toFile()));
        context.objects.put(FlowNode.class, node);
        CopilotReviewStep step = cli.configured(new CopilotReviewStep());
        step.setDiffFile("change.diff");
        step.setUnstableOn(unstableOn);
        FakeContext.start(step, context);
        context.await();
        return context;
    }

    /** A step's node whose execution records what the node saves (Pipeline stores it in the build's flow graph). */
    private static final class StepNode extends FlowNode {
        final List<List<Action>> saved;

        StepNode() {
            this(new CopyOnWriteArrayList<>());
        }

        private StepNode(List<List<Action>> saved) {
            super(new RecordingExecution(saved), "5");
            this.saved = saved;
        }

        @Override
        protected String getTypeDisplayName() {
            return "copilotReview";
        }
    }

    private static final class RecordingExecution extends FlowExecution {
        private final List<List<Action>> saved;

        RecordingExecution(List<List<Action>> saved) {
            this.saved = saved;
        }

        @Override
        public List<Action> loadActions(FlowNode node) {
            return List.of();
        }

        @Override
        public void saveActions(FlowNode node, List<Action> actions) {
            saved.add(List.copyOf(actions));
        }
    }
}
