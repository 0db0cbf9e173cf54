package io.jenkins.plugins.copilotci;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code limit} grants in any sliding window (an hour in production): the controller's cap on automatic
 * explanations, so a burst of red builds cannot spend the model budget. The clock is injected for tests.
 */
final class HourlyQuota {
    private final Clock clock;
    private final Duration window;
    private final Deque<Instant> granted = new ArrayDeque<>();

    HourlyQuota(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    static HourlyQuota perHour() {
        return new HourlyQuota(Clock.systemUTC(), Duration.ofHours(1));
    }

    /**
     * Grants one if fewer than {@code limit} were granted in the last window. The limit is a parameter, not state,
     * so a change of the global setting applies at once.
     */
    synchronized boolean tryAcquire(int limit) {
        Instant now = clock.instant();
        Instant oldest = now.minus(window);
        while (!granted.isEmpty() && !granted.peekFirst().isAfter(oldest)) {
            granted.removeFirst();
        }
        if (granted.size() >= limit) {
            return false;
        }
        granted.addLast(now);
        return true;
    }
}
