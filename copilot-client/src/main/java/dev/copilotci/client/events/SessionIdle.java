package dev.copilotci.client.events;

/** The session has no more work: the turn (and any queued ones) ended; {@code aborted} after an abort. */
public record SessionIdle(RawEvent raw, boolean aborted) implements SessionEvent {
}
