package dev.copilotci.offline;




import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider over plain HTTP (JDK HttpClient), without the CLI. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ScriptedModelProviderTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private ScriptedModelProvider provider;

    @BeforeEach
    void start() {
        provider = ScriptedModelProvider.start();
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void baseUrlIsLoopbackV1() {
        assertTrue(provider.port() > 0);
        assertEquals("http://127.0.0.1:" + provider.port() + "/v1", provider.baseUrl());
    }

    @Test
    void streamsTextAsSeveralSseChunksWithUsageAndDone() throws Exception {
        String answer = "The build failed because the unit test FooTest timed out.";
        provider.enqueue(ScriptedResponse.text(answer));

        HttpResponse<String> response = post(chatBody(true, "why did it fail?"));

        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
        List<String> events = sseData(response.body());
        assertEquals("[DONE]", events.get(events.size() - 1));
        StringBuilder text = new StringBuilder();
        int contentChunks = 0;
        String finish = null;
        JsonNode usage = null;
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode chunk = json.readTree(event);
            assertEquals("chat.completion.chunk", chunk.get("object").asText());
            assertEquals("test-model", chunk.get("model").asText());
            if (chunk.has("usage")) {
                usage = chunk.get("usage");
            }
            for (JsonNode choice : chunk.path("choices")) {
                JsonNode content = choice.path("delta").get("content");
                if (content != null && content.isTextual() && !content.asText().isEmpty()) {
                    text.append(content.asText());
                    contentChunks++;
                }
                if (!choice.path("finish_reason").isNull() && choice.has("finish_reason")) {
                    finish = choice.get("finish_reason").asText();
                }
            }
        }
        assertEquals(answer, text.toString());
        assertTrue(contentChunks >= 3, "expected several content deltas, got " + contentChunks);
        assertEquals("stop", finish);
        assertNotNull(usage, "usage chunk (stream_options.include_usage)");
        assertTrue(usage.get("prompt_tokens").asInt() > 0);
        assertTrue(usage.get("completion_tokens").asInt() > 0);
    }

    @Test
    void answersNonStreamingRequestsWithOneJsonDocument() throws Exception {
        provider.enqueue(ScriptedResponse.text("plain answer").withUsage(123, 7));

        HttpResponse<String> response = post(chatBody(false, "hi"));

        assertEquals(200, response.statusCode());
        JsonNode body = json.readTree(response.body());
        assertEquals("chat.completion", body.get("object").asText());
        assertEquals("plain answer", body.at("/choices/0/message/content").asText());
        assertEquals("stop", body.at("/choices/0/finish_reason").asText());
        assertEquals(123, body.at("/usage/prompt_tokens").asInt());
        assertEquals(7, body.at("/usage/completion_tokens").asInt());
        assertEquals(130, body.at("/usage/total_tokens").asInt());
    }

    @Test
    void streamsToolCallsAsIndexedDeltasWithChunkedArguments() throws Exception {
        String args = "{\"command\":\"echo hello from a scripted tool call\",\"description\":\"say hello\"}";
        provider.enqueue(ScriptedResponse.toolCalls(
                ScriptedResponse.ToolCall.of("bash", args),
                new ScriptedResponse.ToolCall("call_fixed", "view", "{\"path\":\"README.md\"}")));

        List<String> events = sseData(post(chatBody(true, "run it")).body());

        String[] ids = new String[2];
        String[] names = new String[2];
        StringBuilder[] arguments = {new StringBuilder(), new StringBuilder()};
        int argumentChunks = 0;
        String finish = null;
        for (String event : events.subList(0, events.size() - 1)) {
            for (JsonNode choice : json.readTree(event).path("choices")) {
                for (JsonNode tc : choice.path("delta").path("tool_calls")) {
                    int i = tc.get("index").asInt();
                    if (tc.has("id")) {
                        ids[i] = tc.get("id").asText();
                        assertEquals("function", tc.get("type").asText());
                    }
                    if (tc.path("function").has("name")) {
                        names[i] = tc.path("function").get("name").asText();
                    }
                    String piece = tc.path("function").path("arguments").asText("");
                    if (!piece.isEmpty()) {
                        arguments[i].append(piece);
                        argumentChunks++;
                    }
                }
                if (choice.hasNonNull("finish_reason")) {
                    finish = choice.get("finish_reason").asText();
                }
            }
        }
        assertEquals("tool_calls", finish);
        assertEquals("bash", names[0]);
        assertEquals("view", names[1]);
        assertTrue(ids[0].startsWith("call_"), ids[0]);
        assertEquals("call_fixed", ids[1]);
        assertEquals(args, arguments[0].toString());
        assertEquals("{\"path\":\"README.md\"}", arguments[1].toString());
        assertTrue(argumentChunks >= 4, "arguments should arrive in several pieces: " + argumentChunks);
    }

    @Test
    void nonStreamingToolCall() throws Exception {
        provider.enqueue(ScriptedResponse.toolCall("bash", "{\"command\":\"ls\"}"));
        JsonNode body = json.readTree(post(chatBody(false, "x")).body());
        assertEquals("tool_calls", body.at("/choices/0/finish_reason").asText());
        assertTrue(body.at("/choices/0/message/content").isNull());
        assertEquals("bash", body.at("/choices/0/message/tool_calls/0/function/name").asText());
        assertEquals("{\"command\":\"ls\"}", body.at("/choices/0/message/tool_calls/0/function/arguments").asText());
    }

    @Test
    void httpErrorReturnsStatusAndBody() throws Exception {
        provider.enqueue(ScriptedResponse.httpError(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        HttpResponse<String> response = post(chatBody(true, "x"));
        assertEquals(503, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"error\":{\"message\":\"overloaded\"}}", response.body());
    }

    @Test
    void malformedSendsRawBodyWithoutDone() throws Exception {
        provider.enqueue(ScriptedResponse.malformed("data: {not json\n\n"));
        HttpResponse<String> response = post(chatBody(true, "x"));
        assertEquals(200, response.statusCode());
        assertEquals("data: {not json\n\n", response.body());
    }

    @Test
    void queueIsFifoThenDefaultThenDynamicResponder() throws Exception {
        provider.enqueue(ScriptedResponse.text("first"), ScriptedResponse.text("second"));
        assertEquals(2, provider.pendingResponses());
        assertEquals("first", nonStreamText("a"));
        assertEquals("second", nonStreamText("b"));
        assertEquals("OK", nonStreamText("c"));
        provider.setDefault(ScriptedResponse.text("fallback"));
        assertEquals("fallback", nonStreamText("d"));
        provider.respondWith(request -> ScriptedResponse.text("echo: " + request.lastUserPrompt()));
        assertEquals("echo: ping", nonStreamText("<current_datetime>2026-01-01</current_datetime>\n\nping"));
        assertEquals(5, provider.requests().size());
    }

    @Test
    void failingResponderBecomesHttp500() throws Exception {
        provider.respondWith(request -> {
            throw new IllegalStateException("boom");
        });
        assertEquals(500, post(chatBody(false, "x")).statusCode());
    }

    @Test
    void delayedWaitsThenAnswers() throws Exception {
        provider.enqueue(ScriptedResponse.delayed(Duration.ofMillis(300), ScriptedResponse.text("late")));
        long start = System.nanoTime();
        assertEquals("late", nonStreamText("x"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 250);
    }

    @Test
    void hangIsReleasedByClose() throws Exception {
        provider.enqueue(ScriptedResponse.hang());
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request(chatBody(true, "x")),
                HttpResponse.BodyHandlers.ofString());
        provider.awaitRequest(1, WAIT);
        Thread.sleep(200); // only to show the response is really held; correctness does not depend on it
        assertFalse(pending.isDone(), "hang() must not answer");

        long start = System.nanoTime();
        provider.close();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, failure.getCause());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "close must be prompt");
    }

    @Test
    void closeIsPromptWithDelayedResponsesPending() throws Exception {
        provider.enqueue(ScriptedResponse.delayed(Duration.ofMinutes(5), ScriptedResponse.text("never")));
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request(chatBody(false, "x")),
                HttpResponse.BodyHandlers.ofString());
        provider.awaitRequest(1, WAIT);
        long start = System.nanoTime();
        provider.close();
        assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
    }

    @Test
    void dropConnectionSendsOneChunkThenBreaksTheStream() throws Exception {
        provider.enqueue(ScriptedResponse.dropConnection());
        HttpResponse<InputStream> response = http.send(request(chatBody(true, "x")),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        ByteCollector collected = new ByteCollector();
        try (InputStream in = response.body()) {
            IOException broken = assertThrows(IOException.class, () -> collected.readAll(in));
            assertNotNull(broken);
        }
        String received = collected.text();
        assertTrue(received.startsWith("data: {"), received);
        assertFalse(received.contains("[DONE]"), received);
    }

    @Test
    void modelsListsTheAdvertisedAndRequestedModels() throws Exception {
        post(chatBody(false, "x").replace("test-model", "other-model"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(provider.baseUrl() + "/models"))
                .timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        List<String> ids = new ArrayList<>();
        json.readTree(response.body()).get("data").forEach(m -> ids.add(m.get("id").asText()));
        assertEquals(List.of("test-model", "other-model"), ids);
    }

    @Test
    void unknownPathsAre404AndRecordedButNotCountedAsChat() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(provider.baseUrl() + "/responses"))
                .timeout(WAIT).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
        assertEquals(0, provider.requests().size());
        assertEquals(1, provider.allRequests().size());
        assertEquals("/v1/responses", provider.allRequests().get(0).path());
        assertEquals("POST", provider.allRequests().get(0).method());
    }

    @Test
    void recordsRequestsWithHelpers() throws Exception {
        String body = "{\"model\":\"test-model\",\"stream\":true,\"tools\":["
                + "{\"type\":\"function\",\"function\":{\"name\":\"bash\",\"parameters\":{}}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\"view\",\"parameters\":{}}}],"
                + "\"messages\":[{\"role\":\"system\",\"content\":\"You are a CI helper.\"},"
                + "{\"role\":\"user\",\"content\":\"old\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"bash\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"tool output\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"<current_datetime>x</current_datetime>\\n\\n\"},"
                + "{\"type\":\"text\",\"text\":\"Summarize the log\"}]}]}";
        http.send(requestBuilder(body).header("X-CI-Job", "42").build(), HttpResponse.BodyHandlers.ofString());

        RecordedRequest r = provider.awaitRequest(1, WAIT);
        assertEquals("/v1/chat/completions", r.path());
        assertEquals("42", r.header("x-ci-job"));
        assertEquals("42", r.header("X-CI-JOB"));
        assertNull(r.header("no-such-header"));
        assertEquals("test-model", r.model());
        assertTrue(r.stream());
        assertEquals("You are a CI helper.", r.systemPrompt());
        assertEquals("<current_datetime>x</current_datetime>\n\nSummarize the log", r.lastUserMessage());
        assertEquals("Summarize the log", r.lastUserPrompt());
        assertEquals(List.of("bash", "view"), r.toolNames());
        assertEquals(5, r.messages().size());
        assertEquals("tool output", r.lastToolResult());
        assertEquals("c1", r.toolResults().get(0).get("tool_call_id").asText());
    }

    @Test
    void awaitRequestTimesOutWithAssertionError() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> provider.awaitRequest(1, Duration.ofMillis(200)));
        assertTrue(error.getMessage().contains("did not arrive"), error.getMessage());
    }

    @Test
    void awaitRequestBlocksUntilTheRequestArrives() throws Exception {
        CompletableFuture<RecordedRequest> waiting = CompletableFuture.supplyAsync(
                () -> provider.awaitRequest(2, Duration.ofSeconds(10)));
        post(chatBody(false, "one"));
        provider.awaitRequest(1, WAIT);
        assertFalse(waiting.isDone(), "must still wait for the second request");
        post(chatBody(false, "two"));
        assertEquals("two", waiting.get(10, TimeUnit.SECONDS).lastUserMessage());
    }

    // -------------------------------------------------------------------------------------------------------------

    private String nonStreamText(String prompt) throws Exception {
        return json.readTree(post(chatBody(false, prompt)).body()).at("/choices/0/message/content").asText();
    }

    private String chatBody(boolean stream, String prompt) throws IOException {
        var root = json.createObjectNode();
        root.put("model", "test-model");
        root.putArray("messages").addObject().put("role", "user").put("content", prompt);
        if (stream) {
            root.put("stream", true);
            root.putObject("stream_options").put("include_usage", true);
        }
        return json.writeValueAsString(root);
    }

    private HttpRequest request(String body) {
        return requestBuilder(body).build();
    }

    private HttpRequest.Builder requestBuilder(String body) {
        return HttpRequest.newBuilder(URI.create(provider.baseUrl() + "/chat/completions"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return http.send(request(body), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> sseData(String body) {
        List<String> data = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            if (!event.isBlank()) {
                assertTrue(event.startsWith("data: "), "SSE event: " + event);
                data.add(event.substring("data: ".length()));
            }
        }
        return data;
    }

    /** Keeps the bytes read before a stream broke. */
    private static final class ByteCollector {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        void readAll(InputStream in) throws IOException {
            byte[] buf = new byte[1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                bytes.write(buf, 0, n);
            }
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
