package jenkins.tasks;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStep;
import java.io.IOException;

/**
 * Stub of core {@code jenkins.tasks.SimpleBuildStep} (subset: the deprecated four-argument {@code perform},
 * {@code LastBuildAction} and its factory are omitted). Stub behaviour: the defaults are core's where they do not
 * need {@code Util.isOverridden} (the five-argument {@code perform} of a step that requires a workspace and does not
 * override it throws {@link AbstractMethodError}, as core does for a step that overrides neither overload).
 */
public interface SimpleBuildStep extends BuildStep {
    default void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
                         @NonNull Launcher launcher, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        if (!this.requiresWorkspace()) {
            this.perform(run, env, listener);
            return;
        }
        throw new AbstractMethodError("Unless a build step is marked as not requiring a workspace context, you must"
                + " implement the overload of the perform() method that takes both a workspace and a launcher.");
    }

    default void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        if (this.requiresWorkspace()) {
            throw new IllegalStateException("This build step requires a workspace context, but none was provided.");
        }
        throw new AbstractMethodError("When a build step is marked as not requiring a workspace context, you must"
                + " implement the overload of the perform() method that does not take a workspace or launcher.");
    }

    default boolean requiresWorkspace() {
        return true;
    }
}
