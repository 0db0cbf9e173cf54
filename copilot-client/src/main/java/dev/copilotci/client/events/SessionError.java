package dev.copilotci.client.events;

/** The turn failed on the server: provider unreachable, HTTP 401/500 after retries, … */
public record SessionError(RawEvent raw, String errorType, String message, Integer statusCode,
                           String originatingMessageId) implements SessionEvent {
}
