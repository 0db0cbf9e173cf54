package dev.copilotci.client.events;

/** The model provider failed and the CLI is retrying the call ({@code assistant.turn_retry}); ephemeral. */
public record TurnRetry(RawEvent raw, String reason) implements SessionEvent {
}
