package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.concurrent.Future;

/**
 * Stub of workflow-step-api {@code GeneralNonBlockingStepExecution}.
 *
 * <p>Stub behaviour mirrors upstream's (the lifecycle methods are final/protected): {@link #run(Block)} runs the block
 * on the shared daemon pool and reports an exception via {@code onFailure} unless {@link #stop} already reported a
 * cause; {@link #stop} records the cause, cancels a running block and calls {@code super.stop} (so {@code onFailure}
 * with the cause); {@link TailCall#onSuccess}/{@link TailCall#onFailure} run {@code finished(context)} in a block and
 * then complete the step. Difference: no {@code ACL.as2(...)} around blocks.
 */
public abstract class GeneralNonBlockingStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;

    private transient volatile Future<?> task;
    private String threadName;
    private transient volatile Throwable stopCause;

    protected GeneralNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    /** Something to run on a background thread. */
    @FunctionalInterface
    protected interface Block {
        void run() throws Exception;
    }

    protected final void run(Block block) {
        if (stopCause != null) {
            return;
        }
        task = SynchronousNonBlockingStepExecution.getExecutorService().submit(() -> {
            threadName = Thread.currentThread().getName();
            try {
                block.run();
            } catch (Throwable x) {
                if (stopCause == null) {
                    getContext().onFailure(x);
                } else {
                    stopCause.addSuppressed(x);
                }
            } finally {
                threadName = null;
                task = null;
            }
        });
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        stopCause = cause;
        Future<?> t = task;
        if (t != null) {
            t.cancel(true);
        }
        super.stop(cause);
    }

    @Override
    public void onResume() {
        if (threadName != null) {
            StepContext context = getContext();
            context.onFailure(new SynchronousResumeNotSupportedException(context));
        }
    }

    @Override
    public @NonNull String getStatus() {
        return threadName != null
                ? "running in thread: " + threadName
                : "not currently scheduled, or running blocks";
    }

    @Override
    public boolean blocksRestart() {
        return threadName != null;
    }

    /** A body callback whose {@link #finished} runs on a background thread before the step completes. */
    protected abstract class TailCall extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;

        protected abstract void finished(StepContext context) throws Exception;

        @Override
        public final void onSuccess(StepContext context, Object result) {
            run(() -> {
                try {
                    finished(context);
                } catch (Exception x) {
                    if (stopCause == null) {
                        context.onFailure(x);
                    } else {
                        stopCause.addSuppressed(x);
                    }
                    return;
                }
                context.onSuccess(result);
            });
        }

        @Override
        public final void onFailure(StepContext context, Throwable t) {
            run(() -> {
                try {
                    finished(context);
                } catch (Exception x) {
                    t.addSuppressed(x);
                }
                context.onFailure(t);
            });
        }
    }
}
