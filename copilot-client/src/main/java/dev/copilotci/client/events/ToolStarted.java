package dev.copilotci.client.events;

import com.fasterxml.jackson.databind.JsonNode;

/** The agent started a tool (built-in or ours). */
public record ToolStarted(RawEvent raw, String toolCallId, String toolName, JsonNode arguments) implements SessionEvent {
}
