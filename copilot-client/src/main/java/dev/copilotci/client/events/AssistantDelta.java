package dev.copilotci.client.events;

/** A streamed piece of an assistant message (only with {@code streaming} on; never persisted). */
public record AssistantDelta(RawEvent raw, String messageId, String deltaContent) implements SessionEvent {
}
