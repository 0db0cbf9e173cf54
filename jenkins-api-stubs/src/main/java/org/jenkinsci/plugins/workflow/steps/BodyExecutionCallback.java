package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.Serializable;

/**
 * Stub of workflow-step-api {@code BodyExecutionCallback}. Stub behaviour: {@link #wrap} and {@link TailCall} behave
 * as upstream (pure callback plumbing).
 */
public abstract class BodyExecutionCallback implements Serializable {
    public void onStart(StepContext context) {}

    public abstract void onSuccess(StepContext context, Object result);

    public abstract void onFailure(StepContext context, Throwable t);

    public static BodyExecutionCallback wrap(FutureCallback<Object> v) {
        return v instanceof BodyExecutionCallback ? (BodyExecutionCallback) v : new Wrapper(v);
    }

    private static class Wrapper extends BodyExecutionCallback {
        private final FutureCallback<Object> v;

        Wrapper(FutureCallback<Object> v) {
            if (!(v instanceof Serializable)) {
                throw new IllegalArgumentException(v.getClass() + " is not serializable");
            }
            this.v = v;
        }

        @Override
        public void onSuccess(StepContext context, Object result) {
            v.onSuccess(result);
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            v.onFailure(t);
        }

        private static final long serialVersionUID = 1L;
    }

    private static final long serialVersionUID = 1L;

    /** Runs {@link #finished} (synchronously, on the calling thread) and then completes the step. */
    public static abstract class TailCall extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;

        protected abstract void finished(StepContext context) throws Exception;

        @Override
        public final void onSuccess(StepContext context, Object result) {
            try {
                finished(context);
            } catch (Exception x) {
                context.onFailure(x);
                return;
            }
            context.onSuccess(result);
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            try {
                finished(context);
            } catch (Exception x) {
                t.addSuppressed(x);
            }
            context.onFailure(t);
        }
    }
}
