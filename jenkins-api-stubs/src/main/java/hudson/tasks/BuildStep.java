package hudson.tasks;

/**
 * Stub of core {@code hudson.tasks.BuildStep} (subset): the abstract build-based methods, the deprecated
 * {@code BUILDERS}/{@code PUBLISHERS} lists and {@code PublisherList} are omitted (they need {@code AbstractBuild}
 * members, {@code BuildListener} and {@code DescriptorList}); the default monitor is core's.
 */
public interface BuildStep {
    default BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.BUILD;
    }
}
