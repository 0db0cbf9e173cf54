package hudson.model;

import jenkins.model.ParameterizedJobMixIn;
import jenkins.model.lazy.LazyBuildMixIn;

/**
 * Stub of core {@code hudson.model.AbstractProject} (type only: {@code BuildStepDescriptor.isApplicable} takes a
 * {@code Class<? extends AbstractProject>}). The constructor is core's protected one.
 */
@SuppressWarnings("rawtypes")
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R>
        implements BuildableItem, LazyBuildMixIn.LazyLoadingJob<P, R>, ParameterizedJobMixIn.ParameterizedJob<P, R> {
    protected AbstractProject(ItemGroup parent, String name) {
        super(parent, name);
    }
}
