package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stub of workflow-step-api {@code SynchronousNonBlockingStepExecution}.
 *
 * <p>Stub behaviour mirrors upstream's lifecycle (start/stop/onResume are final or called via {@code super}, so tests
 * cannot supply them): {@link #start()} submits {@link #run()} to a cached daemon pool and returns {@code false}; the
 * result goes to {@code onSuccess}, an exception to {@code onFailure} unless {@link #stop} already reported a cause (then
 * it is added as suppressed); {@link #stop} cancels the task with interruption and then calls {@code super.stop}.
 * Differences: no {@code ACL.as2(Jenkins.getAuthentication2())} around {@code run()}, and thread names differ.
 */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private transient volatile Future<?> task;
    private transient String threadName;
    private transient volatile Throwable stopCause;

    protected SynchronousNonBlockingStepExecution(@NonNull StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        task = getExecutorService().submit(() -> {
            threadName = Thread.currentThread().getName();
            try {
                T ret = run();
                getContext().onSuccess(ret);
            } catch (Throwable x) {
                if (stopCause == null) {
                    getContext().onFailure(x);
                } else {
                    stopCause.addSuppressed(x);
                }
            }
        });
        return false;
    }

    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        if (task != null) {
            stopCause = cause;
            task.cancel(true);
        }
        super.stop(cause);
    }

    @Override
    public void onResume() {
        StepContext context = getContext();
        context.onFailure(new SynchronousResumeNotSupportedException(context));
    }

    @Override
    public @NonNull String getStatus() {
        return threadName != null ? "running in thread: " + threadName : "not yet scheduled";
    }

    @Override
    public boolean blocksRestart() {
        return threadName != null;
    }

    static ExecutorService getExecutorService() {
        return Pool.EXECUTOR;
    }

    /** Lazily created shared pool of daemon threads, as upstream (which also names and sanity-checks them). */
    private static final class Pool {
        private static final AtomicInteger COUNT = new AtomicInteger();
        static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "SynchronousNonBlockingStepExecution-stub-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static final long serialVersionUID = 1L;
}
