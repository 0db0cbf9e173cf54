package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import jakarta.inject.Inject;
import java.io.Serializable;

/**
 * Stub of workflow-step-api {@code StepExecution} (subset; static iteration helpers and {@code getStatusBounded}
 * omitted). Stub behaviour: context handling, {@link #stop} (reports the cause via {@code onFailure}) and the other
 * defaults are upstream's, so a plugin execution can run against a test {@link StepContext}.
 */
public abstract class StepExecution implements Serializable {
    @Inject
    private StepContext context;

    @Deprecated
    protected StepExecution() {}

    protected StepExecution(@NonNull StepContext context) {
        this.context = context;
    }

    public @NonNull StepContext getContext() {
        if (context == null) {
            throw new IllegalStateException("you must either pass in a StepContext to the StepExecution constructor,"
                    + " or have the StepExecution be created automatically");
        }
        return context;
    }

    /** Runs on the CPS VM thread and must not block: {@code true} = finished synchronously, {@code false} = async. */
    public abstract boolean start() throws Exception;

    /** Upstream default: {@code getContext().onFailure(cause)}. May be called more than once. */
    public void stop(@NonNull Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    public void onResume() {}

    public @CheckForNull String getStatus() {
        return null;
    }

    public boolean blocksRestart() {
        return false;
    }

    private static final long serialVersionUID = 1L;
}
