package hudson.tasks;

import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Descriptor;

/** Stub of core {@code hudson.tasks.BuildStepDescriptor} (subset: the static {@code filter} is omitted). */
public abstract class BuildStepDescriptor<T extends BuildStep & Describable<T>> extends Descriptor<T> {
    protected BuildStepDescriptor(Class<? extends T> clazz) {
        super(clazz);
    }

    protected BuildStepDescriptor() {
    }

    public abstract boolean isApplicable(Class<? extends AbstractProject> jobType);
}
