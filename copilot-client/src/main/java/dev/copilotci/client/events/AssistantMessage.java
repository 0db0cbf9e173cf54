package dev.copilotci.client.events;

/** A complete assistant message; {@code toolRequestCount > 0} when the model asked for tools in it. */
public record AssistantMessage(RawEvent raw, String messageId, String originatingMessageId, String content,
                               String model, int toolRequestCount) implements SessionEvent {
}
