package hudson.tasks;

/**
 * Stub of core {@code hudson.tasks.BuildStepCompatibilityLayer} (members omitted: in core it maps the old
 * {@code AbstractBuild} signatures onto {@code SimpleBuildStep.perform}, which only a running Jenkins calls).
 */
@Deprecated
public abstract class BuildStepCompatibilityLayer implements BuildStep {
}
