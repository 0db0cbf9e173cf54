package hudson.model;

import hudson.ExtensionPoint;
import hudson.triggers.SafeTimerTask;

/**
 * Stub of core {@code hudson.model.PeriodicWork} (subset; implicit constructor as in core). Core schedules every
 * registered instance on {@code jenkins.util.Timer}; nothing schedules it here (tests call the work directly).
 */
public abstract class PeriodicWork extends SafeTimerTask implements ExtensionPoint {
    public abstract long getRecurrencePeriod();

    public long getInitialDelay() {
        throw new UnsupportedOperationException("stub");
    }

    protected static final long MIN = 1000 * 60;
    protected static final long HOUR = 60 * MIN;
    protected static final long DAY = 24 * HOUR;
}
