package hudson.tasks;

import hudson.ExtensionPoint;

/** Stub of core {@code hudson.tasks.Recorder}. */
public abstract class Recorder extends Publisher implements ExtensionPoint {
    @SuppressWarnings("deprecation") // as in core: super is only @Deprecated to discourage other subclasses
    protected Recorder() {
    }

    @Override
    public BuildStepDescriptor getDescriptor() {
        return (BuildStepDescriptor) super.getDescriptor();
    }
}
