package dev.copilotci.client;

import java.time.Duration;

/**
 * A turn did not finish in time: either its overall deadline passed, or nothing happened for the inactivity limit
 * (the watchdog). The turn has been aborted on the server; {@link #pending()} says what the server was waiting for.
 */
public class TurnTimeoutException extends CopilotException {
    private final boolean inactivity;
    private final Duration limit;
    private final String pending;

    public TurnTimeoutException(String message, boolean inactivity, Duration limit, String pending) {
        super(message);
        this.inactivity = inactivity;
        this.limit = limit;
        this.pending = pending;
    }

    /** True when the inactivity watchdog fired, false for the overall deadline. */
    public boolean inactivity() {
        return inactivity;
    }

    public Duration limit() {
        return limit;
    }

    /** What the server reported as pending when we gave up ("nothing" if it reported nothing). */
    public String pending() {
        return pending;
    }
}
