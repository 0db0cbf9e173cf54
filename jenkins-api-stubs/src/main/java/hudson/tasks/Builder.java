package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import jenkins.model.Jenkins;

/** Stub of core {@code hudson.tasks.Builder} (subset). */
@SuppressWarnings("deprecation") // as in core: extends the deprecated BuildStepCompatibilityLayer
public abstract class Builder extends BuildStepCompatibilityLayer implements Describable<Builder>, ExtensionPoint {
    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Descriptor<Builder> getDescriptor() {
        return Jenkins.get().getDescriptorOrDie(getClass());
    }
}
