package dev.copilotci.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;

/**
 * A tool the model may call, run by {@code handler} in this JVM. Every call is answered: with the handler's text,
 * with its exception's message as an error, or with a timeout error after {@code timeout}.
 *
 * @param parameters JSON Schema of the arguments ({@code null}: no arguments)
 */
public record ToolDefinition(String name, String description, JsonNode parameters, ToolHandler handler,
                             Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public ToolDefinition {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("tool name '" + name + "' must be 1-64 of [A-Za-z0-9_-]");
        }
        Objects.requireNonNull(handler, "handler");
        description = description == null ? "" : description;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static ToolDefinition of(String name, String description, JsonNode parameters, ToolHandler handler) {
        return new ToolDefinition(name, description, parameters, handler, DEFAULT_TIMEOUT);
    }
}
