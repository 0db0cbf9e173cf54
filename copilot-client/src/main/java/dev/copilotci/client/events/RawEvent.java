package dev.copilotci.client.events;

import com.fasterxml.jackson.databind.JsonNode;

/** A {@code session.event} as sent: every field is available through {@link #data()}, whatever its type. */
public record RawEvent(String sessionId, String type, String id, String timestamp, boolean ephemeral, JsonNode data) {
}
