package dev.copilotci.offline;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One scripted answer of {@link ScriptedModelProvider} to a chat-completions request. Immutable; built with the static
 * factories. A completion (text and/or tool calls) is streamed as several SSE chunks when the request asked for
 * {@code "stream":true}, and returned as one JSON document otherwise.
 */
public final class ScriptedResponse {

    /** What the provider does with the request. */
    public enum Kind { COMPLETION, HTTP_ERROR, MALFORMED, DELAYED, HANG, DROP_CONNECTION }

    /**
     * A function call the model asks the CLI to run. {@code id} may be null: the provider then assigns a unique
     * {@code call_…} id when it serves the response.
     */
    public record ToolCall(String id, String name, String argumentsJson) {
        public ToolCall {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argumentsJson, "argumentsJson");
        }

        public static ToolCall of(String name, String argumentsJson) {
            return new ToolCall(null, name, argumentsJson);
        }
    }

    /** Token counts reported in {@code usage}; null fields mean "estimate from the text". */
    record Usage(Integer promptTokens, Integer completionTokens) {
    }

    private final Kind kind;
    private final String text;
    private final List<ToolCall> toolCalls;
    private final int status;
    private final String body;
    private final Duration delay;
    private final ScriptedResponse inner;
    private final Usage usage;

    private ScriptedResponse(Kind kind, String text, List<ToolCall> toolCalls, int status, String body, Duration delay,
                             ScriptedResponse inner, Usage usage) {
        this.kind = kind;
        this.text = text;
        this.toolCalls = List.copyOf(toolCalls);
        this.status = status;
        this.body = body;
        this.delay = delay;
        this.inner = inner;
        this.usage = usage;
    }

    private static ScriptedResponse of(Kind kind) {
        return new ScriptedResponse(kind, null, List.of(), 0, null, null, null, new Usage(null, null));
    }

    /** An assistant text answer ({@code finish_reason:"stop"}); streamed in several chunks. */
    public static ScriptedResponse text(String text) {
        Objects.requireNonNull(text, "text");
        return new ScriptedResponse(Kind.COMPLETION, text, List.of(), 200, null, null, null, new Usage(null, null));
    }

    /** The model asks the CLI to run one tool ({@code finish_reason:"tool_calls"}), e.g. {@code bash}. */
    public static ScriptedResponse toolCall(String toolName, String argumentsJson) {
        return toolCalls(ToolCall.of(toolName, argumentsJson));
    }

    /** The model asks the CLI to run several tools in one turn. */
    public static ScriptedResponse toolCalls(ToolCall... calls) {
        return toolCalls(List.of(calls));
    }

    public static ScriptedResponse toolCalls(List<ToolCall> calls) {
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("at least one tool call");
        }
        return new ScriptedResponse(Kind.COMPLETION, null, calls, 200, null, null, null, new Usage(null, null));
    }

    /** A non-2xx answer with the given body (sent as JSON when it looks like JSON, else as text). */
    public static ScriptedResponse httpError(int status, String body) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("HTTP error status must be 4xx/5xx: " + status);
        }
        return new ScriptedResponse(Kind.HTTP_ERROR, null, List.of(), status, Objects.requireNonNull(body, "body"),
                null, null, new Usage(null, null));
    }

    /** HTTP 200 with this raw body verbatim (invalid SSE or JSON); the stream is not terminated by {@code [DONE]}. */
    public static ScriptedResponse malformed(String rawBody) {
        return new ScriptedResponse(Kind.MALFORMED, null, List.of(), 200, Objects.requireNonNull(rawBody, "rawBody"),
                null, null, new Usage(null, null));
    }

    /** Waits {@code delay} (cut short by {@link ScriptedModelProvider#close()}) and then answers {@code then}. */
    public static ScriptedResponse delayed(Duration delay, ScriptedResponse then) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay");
        }
        return new ScriptedResponse(Kind.DELAYED, null, List.of(), 0, null, delay, Objects.requireNonNull(then, "then"),
                new Usage(null, null));
    }

    /** Never answers; on {@link ScriptedModelProvider#close()} the connection is closed without a response. */
    public static ScriptedResponse hang() {
        return of(Kind.HANG);
    }

    /** Starts a 200 response, sends a first chunk, then closes the connection abruptly (no terminator). */
    public static ScriptedResponse dropConnection() {
        return of(Kind.DROP_CONNECTION);
    }

    /** Same completion with fixed {@code usage} token counts instead of the size-based estimate. */
    public ScriptedResponse withUsage(int promptTokens, int completionTokens) {
        if (kind != Kind.COMPLETION) {
            throw new IllegalStateException("usage only applies to completions, not " + kind);
        }
        return new ScriptedResponse(kind, text, toolCalls, status, body, delay, inner,
                new Usage(promptTokens, completionTokens));
    }

    public Kind kind() {
        return kind;
    }

    /** Assistant text of a completion; null for a pure tool-call completion. */
    public String text() {
        return text;
    }

    public List<ToolCall> toolCalls() {
        return toolCalls;
    }

    /** HTTP status of an {@link Kind#HTTP_ERROR}. */
    public int status() {
        return status;
    }

    /** Body of an {@link Kind#HTTP_ERROR} or {@link Kind#MALFORMED}. */
    public String body() {
        return body;
    }

    /** Delay of a {@link Kind#DELAYED}. */
    public Duration delay() {
        return delay;
    }

    /** Response served after the delay of a {@link Kind#DELAYED}. */
    public ScriptedResponse then() {
        return inner;
    }

    Usage usage() {
        return usage;
    }

    @Override
    public String toString() {
        switch (kind) {
            case COMPLETION:
                return text != null ? "text(" + abbreviate(text) + ")" : "toolCalls(" + toolCalls + ")";
            case HTTP_ERROR:
                return "httpError(" + status + ", " + abbreviate(body) + ")";
            case MALFORMED:
                return "malformed(" + abbreviate(body) + ")";
            case DELAYED:
                return "delayed(" + delay + ", " + inner + ")";
            default:
                return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? '"' + s + '"' : '"' + s.substring(0, 37) + "...\"";
    }
}
