package hudson.tasks;

import hudson.model.Describable;
import hudson.model.Descriptor;
import jenkins.model.Jenkins;

/** Stub of core {@code hudson.tasks.Publisher} (subset). */
public abstract class Publisher extends BuildStepCompatibilityLayer implements Describable<Publisher> {
    @Deprecated
    protected Publisher() {
    }

    public boolean needsToRunAfterFinalized() {
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Descriptor<Publisher> getDescriptor() {
        return Jenkins.get().getDescriptorOrDie(getClass());
    }
}
