package dev.copilotci.client;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs a custom tool. The returned text goes to the model; an exception becomes a failed tool call. */
@FunctionalInterface
public interface ToolHandler {
    String handle(JsonNode arguments) throws Exception;
}
