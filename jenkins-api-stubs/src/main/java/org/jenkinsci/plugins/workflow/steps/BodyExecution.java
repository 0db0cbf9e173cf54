package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;
import java.util.Collection;
import java.util.concurrent.Future;

/**
 * Stub of workflow-step-api {@code BodyExecution} (deprecated {@code cancel(CauseOfInterruption...)} omitted). Upstream
 * {@code cancel(Throwable)} is overridden by the engine; tests implementing this class override it.
 */
public abstract class BodyExecution implements Future<Object>, Serializable {
    public abstract Collection<StepExecution> getCurrentExecutions();

    @Deprecated
    @Override
    public boolean cancel(boolean b) {
        throw new UnsupportedOperationException("stub");
    }

    public boolean cancel(Throwable t) {
        throw new UnsupportedOperationException("stub");
    }

    private static final long serialVersionUID = 1L;
}
