package dev.copilotci.client.events;

/** Any event type without a typed record here; read it through {@link #raw()}. */
public record OtherEvent(RawEvent raw) implements SessionEvent {
}
