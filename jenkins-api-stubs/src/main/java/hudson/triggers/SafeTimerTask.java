package hudson.triggers;

import java.util.TimerTask;

/** Stub of core {@code hudson.triggers.SafeTimerTask} (subset; implicit constructor as in core). */
public abstract class SafeTimerTask extends TimerTask {
    @Override
    public final void run() {
        throw new UnsupportedOperationException("stub");
    }

    protected abstract void doRun() throws Exception;
}
