package io.jenkins.plugins.copilotci;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * At most so many grants in any sliding window (an hour in production), on the controller and per folder: the caps on
 * automatic explanations, so a burst of red builds — anywhere, or in one team's folder — cannot spend the model budget.
 * The clock is injected for tests.
 */
final class HourlyQuota {
    /** The folder hourly limit that applies to a job: the nearest folder that sets one ({@code folder} = its full name). */
    record FolderLimit(String folder, int perHour) {
    }

    private static final String CONTROLLER = "";
    private final Clock clock;
    private final Duration window;
    /** Grants in the window: the controller's under {@link #CONTROLLER}, a folder's under "/" + its full name. */
    private final Map<String, Deque<Instant>> granted = new HashMap<>();

    HourlyQuota(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    static HourlyQuota perHour() {
        return new HourlyQuota(Clock.systemUTC(), Duration.ofHours(1));
    }

    /**
     * Grants one under both the controller's limit and the folder's ({@code folder} may be null: none), or returns
     * which limit was reached; a refusal counts against neither, so one folder's exhausted quota leaves the
     * controller's budget to the others.
     */
    synchronized Optional<String> tryAcquire(int controllerLimit, FolderLimit folder) {
        Instant now = clock.instant();
        expire(now.minus(window));
        Deque<Instant> controller = granted.computeIfAbsent(CONTROLLER, k -> new ArrayDeque<>());
        if (controller.size() >= controllerLimit) {
            return Optional.of(Messages.HourlyQuota_ControllerLimit(String.valueOf(controllerLimit)));
        }
        Deque<Instant> inFolder = folder == null ? null : granted.computeIfAbsent("/" + folder.folder(),
                k -> new ArrayDeque<>());
        if (inFolder != null && inFolder.size() >= folder.perHour()) {
            return Optional.of(Messages.HourlyQuota_FolderLimit(String.valueOf(folder.perHour()), folder.folder()));
        }
        controller.addLast(now);
        if (inFolder != null) {
            inFolder.addLast(now);
        }
        return Optional.empty();
    }

    /** Forgets grants older than the window, and folders left without any, so deleted folders do not linger. */
    private void expire(Instant oldest) {
        for (Iterator<Deque<Instant>> it = granted.values().iterator(); it.hasNext(); ) {
            Deque<Instant> grants = it.next();
            while (!grants.isEmpty() && !grants.peekFirst().isAfter(oldest)) {
                grants.removeFirst();
            }
            if (grants.isEmpty()) {
                it.remove();
            }
        }
    }
}
