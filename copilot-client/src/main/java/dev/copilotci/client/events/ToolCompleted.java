package dev.copilotci.client.events;

/** A tool finished: {@code result} on success, {@code error} (e.g. denied by policy) otherwise. */
public record ToolCompleted(RawEvent raw, String toolCallId, boolean success, String result, String error)
        implements SessionEvent {
}
