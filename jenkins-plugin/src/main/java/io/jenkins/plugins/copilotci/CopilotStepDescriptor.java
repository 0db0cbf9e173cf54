package io.jenkins.plugins.copilotci;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * What every Copilot step needs from Pipeline: the build and its log only, so the steps also work outside
 * {@code node} (a workspace and launcher are used when present).
 */
public abstract class CopilotStepDescriptor extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }
}
