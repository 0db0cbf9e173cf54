package dev.copilotci.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a completion {@link ScriptedResponse} in the OpenAI chat-completions wire format: either one
 * {@code chat.completion} JSON document or the payloads of a {@code chat.completion.chunk} SSE stream.
 */
final class ChatCompletionWriter {

    /** Upper bound of characters per streamed text/argument delta; small so even short answers span chunks. */
    private static final int MAX_CHUNK_CHARS = 64;

    private final ObjectMapper json;
    private final String completionId;
    private final String model;
    private final long created;

    ChatCompletionWriter(ObjectMapper json, String completionId, String model, long createdEpochSeconds) {
        this.json = json;
        this.completionId = completionId;
        this.model = model;
        this.created = createdEpochSeconds;
    }

    /** Non-streaming answer body. */
    ObjectNode completion(ScriptedResponse response, List<ScriptedResponse.ToolCall> calls, ObjectNode usage) {
        ObjectNode root = header("chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (response.text() != null) {
            message.put("content", response.text());
        } else {
            message.putNull("content");
        }
        if (!calls.isEmpty()) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (ScriptedResponse.ToolCall call : calls) {
                ObjectNode tc = toolCalls.addObject();
                tc.put("id", call.id());
                tc.put("type", "function");
                ObjectNode fn = tc.putObject("function");
                fn.put("name", call.name());
                fn.put("arguments", call.argumentsJson());
            }
        }
        choice.put("finish_reason", finishReason(calls));
        root.set("usage", usage);
        return root;
    }

    /**
     * Streaming answer: the JSON payloads of the {@code data:} events, in order (without the final {@code [DONE]}).
     * The usage goes into a trailing chunk with empty {@code choices} when the client asked for
     * {@code stream_options.include_usage} (as the CLI does), else into the finish chunk.
     */
    List<ObjectNode> chunks(ScriptedResponse response, List<ScriptedResponse.ToolCall> calls, ObjectNode usage,
                            boolean separateUsageChunk) {
        List<ObjectNode> out = new ArrayList<>();
        ObjectNode first = delta(out);
        first.put("role", "assistant");
        if (response.text() != null) {
            List<String> pieces = split(response.text());
            first.put("content", pieces.get(0));
            for (String piece : pieces.subList(1, pieces.size())) {
                delta(out).put("content", piece);
            }
        } else {
            first.putNull("content");
        }
        for (int i = 0; i < calls.size(); i++) {
            ScriptedResponse.ToolCall call = calls.get(i);
            // The first call opens in the role chunk when there is no text, like OpenAI does.
            ObjectNode opening = toolCallDelta(i == 0 && response.text() == null ? first : delta(out), i);
            opening.put("id", call.id());
            opening.put("type", "function");
            ObjectNode fn = opening.putObject("function");
            fn.put("name", call.name());
            fn.put("arguments", "");
            for (String piece : split(call.argumentsJson())) {
                if (!piece.isEmpty()) {
                    toolCallDelta(delta(out), i).putObject("function").put("arguments", piece);
                }
            }
        }
        ObjectNode finish = chunk(out);
        ObjectNode finishChoice = (ObjectNode) finish.get("choices").get(0);
        finishChoice.putObject("delta");
        finishChoice.put("finish_reason", finishReason(calls));
        if (separateUsageChunk) {
            ObjectNode usageChunk = header("chat.completion.chunk");
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage);
            out.add(usageChunk);
        } else {
            finish.set("usage", usage);
        }
        return out;
    }

    /** A first chunk that carries only a partial text delta, used before dropping a connection. */
    ObjectNode partialChunk(String text) {
        List<ObjectNode> out = new ArrayList<>();
        ObjectNode d = delta(out);
        d.put("role", "assistant");
        d.put("content", text);
        return out.get(0);
    }

    private ObjectNode header(String object) {
        ObjectNode root = json.createObjectNode();
        root.put("id", completionId);
        root.put("object", object);
        root.put("created", created);
        root.put("model", model);
        return root;
    }

    /** Appends a new chunk and returns its (empty) choice node with {@code finish_reason:null}. */
    private ObjectNode chunk(List<ObjectNode> out) {
        ObjectNode root = header("chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        out.add(root);
        return root;
    }

    /** Appends a new chunk and returns its {@code delta} object. */
    private ObjectNode delta(List<ObjectNode> out) {
        ObjectNode root = chunk(out);
        ObjectNode choice = (ObjectNode) root.get("choices").get(0);
        ObjectNode delta = choice.putObject("delta");
        choice.putNull("finish_reason");
        return delta;
    }

    /** Adds {@code tool_calls:[{index}]} to a delta and returns that tool-call element. */
    private static ObjectNode toolCallDelta(ObjectNode delta, int index) {
        ObjectNode tc = delta.putArray("tool_calls").addObject();
        tc.put("index", index);
        return tc;
    }

    private static String finishReason(List<ScriptedResponse.ToolCall> calls) {
        return calls.isEmpty() ? "stop" : "tool_calls";
    }

    /** Splits into about three pieces (at most {@link #MAX_CHUNK_CHARS} each), never inside a surrogate pair. */
    static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        if (text.isEmpty()) {
            pieces.add("");
            return pieces;
        }
        int size = Math.max(1, Math.min(MAX_CHUNK_CHARS, (text.length() + 2) / 3));
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + size);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }
}
