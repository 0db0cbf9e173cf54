package io.jenkins.plugins.copilotci;

import org.kohsuke.stapler.DataBoundSetter;

/**
 * A Copilot step whose user chooses where the session's repository instruction files come from ({@code withCopilot},
 * {@code copilotPrompt}). {@code copilotReview} and {@code copilotExplainFailure} do not offer the choice: they read
 * a checkout that may be a pull request's, so they always take the base.
 */
public abstract class CopilotInstructionsStep extends CopilotStep {
    private String instructions;

    /**
     * Repository instruction files: workspace (the CLI loads them from the checkout), base (from
     * origin/$CHANGE_TARGET, read with git) or none. Empty: base on a change request (CHANGE_TARGET set), else
     * workspace. For a {@code copilotPrompt} inside {@code withCopilot} the block's setting holds.
     */
    public String getInstructions() {
        return instructions;
    }

    @DataBoundSetter
    public void setInstructions(String instructions) {
        String v = emptyToNull(instructions);
        if (v != null) {
            dev.copilotci.job.Instructions.parse(v); // a typo fails when the step is configured
        }
        this.instructions = v;
    }

    @Override
    CopilotOverrides overrides() {
        return super.overrides().instructions(instructions, null);
    }
}
