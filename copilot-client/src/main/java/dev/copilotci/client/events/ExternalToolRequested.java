package dev.copilotci.client.events;

import com.fasterxml.jackson.databind.JsonNode;

/** The agent calls one of the session's custom tools; the session runs its handler and answers. */
public record ExternalToolRequested(RawEvent raw, String requestId, String toolCallId, String toolName,
                                    JsonNode arguments) implements SessionEvent {
}
