package dev.copilotci.client.events;

/** Token usage of one model call; {@code durationMs} is the call's duration as the server measured it. */
public record AssistantUsage(RawEvent raw, String model, long inputTokens, long outputTokens, long cacheReadTokens,
                             long cacheWriteTokens, long durationMs) implements SessionEvent {
}
