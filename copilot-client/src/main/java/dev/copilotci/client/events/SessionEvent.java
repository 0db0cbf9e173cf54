package dev.copilotci.client.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * An event of a session, typed for what a CI client needs; every other type arrives as {@link OtherEvent}. Unknown
 * types and fields are tolerated: the server has 175+ event types and adds more.
 */
public sealed interface SessionEvent permits AssistantMessage, AssistantDelta, AssistantUsage, ToolStarted,
        ToolCompleted, SessionError, SessionIdle, PermissionRequested, ExternalToolRequested, TurnRetry, OtherEvent {

    RawEvent raw();

    default String type() {
        return raw().type();
    }

    /** Parses the {@code event} object of a {@code session.event} notification. */
    static SessionEvent parse(String sessionId, JsonNode event) {
        JsonNode d = event.path("data");
        RawEvent raw = new RawEvent(sessionId, event.path("type").asText(""), text(event, "id"),
                text(event, "timestamp"), event.path("ephemeral").asBoolean(false), d);
        return switch (raw.type()) {
            case "assistant.message" -> new AssistantMessage(raw, text(d, "messageId"), text(d, "originatingMessageId"),
                    d.path("content").asText(""), text(d, "model"), d.path("toolRequests").size());
            case "assistant.message_delta" -> new AssistantDelta(raw, text(d, "messageId"),
                    d.path("deltaContent").asText(""));
            case "assistant.usage" -> new AssistantUsage(raw, text(d, "model"), d.path("inputTokens").asLong(0),
                    d.path("outputTokens").asLong(0), d.path("cacheReadTokens").asLong(0),
                    d.path("cacheWriteTokens").asLong(0), d.path("duration").asLong(0));
            case "tool.execution_start" -> new ToolStarted(raw, text(d, "toolCallId"), text(d, "toolName"),
                    d.has("arguments") ? d.get("arguments") : MissingNode.getInstance());
            case "tool.execution_complete" -> new ToolCompleted(raw, text(d, "toolCallId"),
                    d.path("success").asBoolean(false), text(d.path("result"), "content"),
                    text(d.path("error"), "message"));
            case "session.error" -> new SessionError(raw, text(d, "errorType"), d.path("message").asText(""),
                    d.path("statusCode").isNumber() ? d.path("statusCode").asInt() : null,
                    text(d, "originatingMessageId"));
            case "session.idle" -> new SessionIdle(raw, d.path("aborted").asBoolean(false));
            case "permission.requested" -> new PermissionRequested(raw, text(d, "requestId"),
                    d.path("permissionRequest").path("kind").asText(""), describePermission(d.path("permissionRequest")),
                    d.path("resolvedByHook").asBoolean(false));
            case "external_tool.requested" -> new ExternalToolRequested(raw, text(d, "requestId"),
                    text(d, "toolCallId"), text(d, "toolName"),
                    d.has("arguments") ? d.get("arguments") : MissingNode.getInstance());
            case "assistant.turn_retry" -> new TurnRetry(raw, text(d, "reason"));
            default -> new OtherEvent(raw);
        };
    }

    /** "shell: rm -rf build" / "write: src/Main.java": what a permission request is for, for logs and errors. */
    static String describePermission(JsonNode request) {
        String kind = request.path("kind").asText("unknown");
        for (String field : new String[] {"fullCommandText", "path", "fileName", "url", "toolName", "intention"}) {
            String value = text(request, field);
            if (value != null && !value.isBlank()) {
                return kind + ": " + value;
            }
        }
        return kind;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
