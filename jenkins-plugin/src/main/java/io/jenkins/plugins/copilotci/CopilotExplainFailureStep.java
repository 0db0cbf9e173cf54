package io.jenkins.plugins.copilotci;

import dev.copilotci.client.TurnOptions;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import jenkins.YesNoMaybe;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code copilotExplainFailure()} in {@code post { failure { } }}: reads the end of this build's log, keeps the
 * relevant part (errors, stack traces, the tail) within a budget, asks for cause and fix, records the answer on the
 * build page and returns it.
 */
public class CopilotExplainFailureStep extends CopilotStep {
    static final int DEFAULT_MAX_LINES = 5000;

    private int maxLines = DEFAULT_MAX_LINES;

    @DataBoundConstructor
    public CopilotExplainFailureStep() {
    }

    /** How many lines from the end of the log are considered (the relevant part is then selected). */
    public int getMaxLines() {
        return maxLines;
    }

    @DataBoundSetter
    public void setMaxLines(int maxLines) {
        this.maxLines = maxLines > 0 ? maxLines : DEFAULT_MAX_LINES;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    static final class Execution extends PromptStepExecution {
        private static final long serialVersionUID = 1L;
        private final int maxLines;

        Execution(StepContext context, CopilotExplainFailureStep step) {
            // The checkout may be a change request's: base (origin/$CHANGE_TARGET) or none, never the workspace.
            super(context, step.overrides().instructions("base", null));
            this.maxLines = step.maxLines;
        }

        @Override
        protected Object run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            FailurePrompt prompt = FailurePrompt.of(run, maxLines);
            getContext().get(TaskListener.class).getLogger().println(prompt.describe());
            return prompt("explainFailure", prompt.text(), TurnOptions.DEFAULTS, RecordedPrompt.FindingsOf.NONE).content();
        }
    }

    @Extension(dynamicLoadable = YesNoMaybe.YES)
    public static final class DescriptorImpl extends CopilotStepDescriptor {
        @Override
        public String getFunctionName() {
            return "copilotExplainFailure";
        }

        @Override
        public String getDisplayName() {
            return Messages.CopilotExplainFailureStep_DisplayName();
        }
    }
}
