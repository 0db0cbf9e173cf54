package hudson.model;

import java.io.IOException;

/**
 * Stub of core {@code hudson.model.AsyncPeriodicWork} (subset). Stub behaviour: the constructor stores {@link #name}
 * (core also reads its log-rotation system properties), so an extension can be instantiated in tests; {@code doRun}
 * (core: a thread writing to {@code $JENKINS_HOME/logs/tasks/<name>.log}) throws.
 */
public abstract class AsyncPeriodicWork extends PeriodicWork {
    public final String name;

    protected AsyncPeriodicWork(String name) {
        this.name = name;
    }

    @Override
    public final void doRun() {
        throw new UnsupportedOperationException("stub");
    }

    protected abstract void execute(TaskListener listener) throws IOException, InterruptedException;
}
