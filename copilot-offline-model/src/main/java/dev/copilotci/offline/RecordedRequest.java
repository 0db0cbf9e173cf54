package dev.copilotci.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One HTTP request received by {@link ScriptedModelProvider}, with helpers for the OpenAI chat-completions shape.
 *
 * @param path    request path, e.g. {@code /v1/chat/completions}
 * @param headers request headers (case-insensitive keys, unmodifiable)
 * @param body    parsed JSON body; {@link MissingNode} when the body is empty or not JSON
 * @param method  HTTP method
 * @param rawBody body text as received (UTF-8)
 */
public record RecordedRequest(String path, Map<String, List<String>> headers, JsonNode body, String method,
                              String rawBody) {

    /** The CLI prefixes every user prompt with this block (see {@link #lastUserPrompt()}). */
    private static final Pattern DATETIME_PREFIX =
            Pattern.compile("^\\s*<current_datetime>.*?</current_datetime>\\s*", Pattern.DOTALL);

    public RecordedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.merge(k, List.copyOf(v), (a, b) -> {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? MissingNode.getInstance() : body;
        rawBody = rawBody == null ? "" : rawBody;
    }

    /** First value of a header (case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** {@code model} of the request body, or null. */
    public String model() {
        return textOrNull(body.get("model"));
    }

    /** Whether the client asked for a server-sent-events stream ({@code "stream":true}). */
    public boolean stream() {
        return body.path("stream").asBoolean(false);
    }

    /** The {@code messages} array as a list (empty if absent). */
    public List<JsonNode> messages() {
        List<JsonNode> out = new ArrayList<>();
        body.path("messages").forEach(out::add);
        return List.copyOf(out);
    }

    /** Concatenated text of the system (and developer) messages, or "" if none. */
    public String systemPrompt() {
        List<String> parts = new ArrayList<>();
        for (JsonNode m : messages()) {
            String role = m.path("role").asText();
            if (role.equals("system") || role.equals("developer")) {
                parts.add(contentText(m.get("content")));
            }
        }
        return String.join("\n", parts);
    }

    /**
     * Text of the last user message, exactly as sent (content as a string or an array of text parts), or null.
     * The CLI prefixes prompts with {@code <current_datetime>…</current_datetime>}; see {@link #lastUserPrompt()}.
     */
    public String lastUserMessage() {
        String found = null;
        for (JsonNode m : messages()) {
            if (m.path("role").asText().equals("user")) {
                found = contentText(m.get("content"));
            }
        }
        return found;
    }

    /** {@link #lastUserMessage()} without the CLI's leading {@code <current_datetime>} block, or null. */
    public String lastUserPrompt() {
        String message = lastUserMessage();
        return message == null ? null : DATETIME_PREFIX.matcher(message).replaceFirst("");
    }

    /** Content of the last {@code role:"tool"} message (a tool result the CLI sends back), or null. */
    public String lastToolResult() {
        String found = null;
        for (JsonNode m : messages()) {
            if (m.path("role").asText().equals("tool")) {
                found = contentText(m.get("content"));
            }
        }
        return found;
    }

    /** The {@code role:"tool"} messages (each has {@code tool_call_id} and {@code content}). */
    public List<JsonNode> toolResults() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : messages()) {
            if (m.path("role").asText().equals("tool")) {
                out.add(m);
            }
        }
        return List.copyOf(out);
    }

    /** Names of the tools offered to the model ({@code tools[].function.name}). */
    public List<String> toolNames() {
        List<String> names = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            JsonNode name = tool.path("function").get("name");
            if (name == null) {
                name = tool.get("name"); // Responses-API style tool declaration
            }
            if (name != null && name.isTextual()) {
                names.add(name.asText());
            }
        }
        return List.copyOf(names);
    }

    /** Text of a message content that is either a string or an array of {@code {type:"text",text}} parts. */
    static String contentText(JsonNode content) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    sb.append(part.asText());
                } else if (part.has("text")) {
                    sb.append(part.get("text").asText());
                }
            }
            return sb.toString();
        }
        return content.toString();
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    @Override
    public String toString() {
        return method + " " + path + (body.isMissingNode() ? "" : " model=" + model() + " stream=" + stream()
                + " messages=" + messages().size());
    }
}
