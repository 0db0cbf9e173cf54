package dev.copilotci.client;

import java.time.Duration;
import java.util.List;

/**
 * Per-prompt options; {@code null} durations take the session's defaults.
 *
 * @param timeout           overall deadline for the turn; when it passes the turn is aborted
 * @param inactivityTimeout the watchdog: no event from the server for this long → inspect, abort, fail
 */
public record TurnOptions(List<Attachment> attachments, Duration timeout, Duration inactivityTimeout) {
    public static final TurnOptions DEFAULTS = new TurnOptions(List.of(), null, null);

    public TurnOptions {
        attachments = List.copyOf(attachments == null ? List.of() : attachments);
    }

    public TurnOptions withAttachments(List<Attachment> more) {
        return new TurnOptions(more, timeout, inactivityTimeout);
    }

    public TurnOptions withTimeout(Duration t) {
        return new TurnOptions(attachments, t, inactivityTimeout);
    }

    public TurnOptions withInactivityTimeout(Duration t) {
        return new TurnOptions(attachments, timeout, t);
    }
}
