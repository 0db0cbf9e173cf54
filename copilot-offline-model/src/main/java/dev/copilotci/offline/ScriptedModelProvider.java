package dev.copilotci.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * A scripted OpenAI-compatible model provider on loopback, used by the real Copilot CLI as its model in offline (BYOK)
 * mode. Serves {@code POST …/chat/completions} (SSE stream or JSON) and {@code GET …/models}; any other path gets 404.
 * Responses come from a FIFO queue ({@link #enqueue}), then from the default responder. Every request is recorded.
 *
 * <p>Thread safe. {@link #close()} releases hanging and delayed responses and stops the server within a few seconds.
 */
public final class ScriptedModelProvider implements AutoCloseable {

    /** Upper bound of a {@link ScriptedResponse#hang()} when the provider is never closed. */
    private static final Duration MAX_HANG = Duration.ofMinutes(15);
    private static final Duration EXECUTOR_SHUTDOWN = Duration.ofSeconds(3);
    private static final String CHAT_SUFFIX = "/chat/completions";
    private static final String MODELS_SUFFIX = "/models";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final Set<String> advertisedModels;
    private final ConcurrentLinkedQueue<ScriptedResponse> queue = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Function<RecordedRequest, ScriptedResponse>> responder =
            new AtomicReference<>(request -> ScriptedResponse.text("OK"));
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong idSequence = new AtomicLong();
    private final Object recordLock = new Object();
    private final List<RecordedRequest> chatRequests = new ArrayList<>();
    private final List<RecordedRequest> allRequests = new ArrayList<>();
    private int retained = Integer.MAX_VALUE; // guarded by recordLock
    private long chatTotal; // guarded by recordLock

    private ScriptedModelProvider(Set<String> modelIds) throws IOException {
        this.advertisedModels = Collections.synchronizedSet(new LinkedHashSet<>(modelIds));
        AtomicInteger threadNumber = new AtomicInteger();
        // Small pool that grows only for concurrent (e.g. hanging) exchanges; daemon so a leaked provider never
        // keeps the JVM alive through its workers.
        this.executor = new ThreadPoolExecutor(0, 64, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread t = new Thread(runnable, "scripted-model-provider-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.server.createContext("/", this::handle);
        this.server.setExecutor(executor);
        this.server.start();
    }

    /** Starts a provider on 127.0.0.1 and a random port that advertises the model {@code test-model}. */
    public static ScriptedModelProvider start() {
        return start("test-model");
    }

    /** Starts a provider that advertises these model ids in {@code GET /v1/models} (requested models are added). */
    public static ScriptedModelProvider start(String... modelIds) {
        try {
            return new ScriptedModelProvider(new LinkedHashSet<>(List.of(modelIds)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start scripted model provider", e);
        }
    }

    /** {@code http://127.0.0.1:PORT/v1}, the value for {@code COPILOT_PROVIDER_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /**
     * A fresh {@code provider} object for the CLI server's {@code session.create}/{@code session.resume}:
     * {@code {"type":"openai","baseUrl":…}}. Headless sessions do not use {@code COPILOT_PROVIDER_BASE_URL}; without
     * this object a turn fails with "No GitHub OAuth token or Copilot HMAC key provided".
     */
    public ObjectNode providerConfig() {
        ObjectNode provider = json.createObjectNode();
        provider.put("type", "openai");
        provider.put("baseUrl", baseUrl());
        return provider;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Queues responses for the next chat requests, answered in FIFO order before the default responder. */
    public ScriptedModelProvider enqueue(ScriptedResponse... responses) {
        for (ScriptedResponse r : responses) {
            queue.add(Objects.requireNonNull(r, "response"));
        }
        return this;
    }

    /** Number of queued responses not yet served. */
    public int pendingResponses() {
        return queue.size();
    }

    /** Answer used when the queue is empty (initially {@code text("OK")}). */
    public ScriptedModelProvider setDefault(ScriptedResponse response) {
        Objects.requireNonNull(response, "response");
        responder.set(request -> response);
        return this;
    }

    /** Dynamic answer used when the queue is empty, e.g. echoing {@link RecordedRequest#lastUserPrompt()}. */
    public ScriptedModelProvider respondWith(Function<RecordedRequest, ScriptedResponse> dynamic) {
        responder.set(Objects.requireNonNull(dynamic, "dynamic"));
        return this;
    }

    /**
     * Keeps only the last {@code max} requests (soak tests and benchmarks send thousands, and a recorded request
     * holds the CLI's whole ~40 KB prompt). {@link #chatRequestCount()} still counts them all.
     */
    public ScriptedModelProvider retainOnly(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("retain at least 1 request");
        }
        synchronized (recordLock) {
            retained = max;
            trim();
        }
        return this;
    }

    /** How many chat-completions requests arrived in all (retained or not). */
    public long chatRequestCount() {
        synchronized (recordLock) {
            return chatTotal;
        }
    }

    /** Snapshot of the chat-completions requests received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        synchronized (recordLock) {
            return List.copyOf(chatRequests);
        }
    }

    /** Snapshot of every request received (chat, models, unknown paths answered 404), in arrival order. */
    public List<RecordedRequest> allRequests() {
        synchronized (recordLock) {
            return List.copyOf(allRequests);
        }
    }

    /**
     * Waits until the {@code n}-th (1-based) chat-completions request has arrived and returns it.
     *
     * @throws AssertionError if it does not arrive within {@code timeout}
     */
    public RecordedRequest awaitRequest(int n, Duration timeout) {
        if (n < 1) {
            throw new IllegalArgumentException("n is 1-based: " + n);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (recordLock) {
            while (chatRequests.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("chat request #" + n + " did not arrive within " + timeout
                            + "; received " + chatRequests.size() + " chat request(s), all requests: " + allRequests);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(recordLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for chat request #" + n, e);
                }
            }
            return chatRequests.get(n - 1);
        }
    }

    /** Stops the server, closing open connections and releasing hanging/delayed responses. Idempotent. */
    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(EXECUTOR_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (ScriptedDrop drop) {
            // Deliberately not closing the exchange: closing would end the chunked body cleanly. With the exception
            // escaping, the JDK server closes the socket mid-body, which is what a crashed upstream looks like.
            throw drop;
        } catch (IOException | RuntimeException e) {
            exchange.close();
            throw e;
        }
        exchange.close();
    }

    private void route(HttpExchange exchange) throws IOException {
        RecordedRequest request = read(exchange);
        String path = exchange.getRequestURI().getPath();
        boolean chat = path.endsWith(CHAT_SUFFIX) && request.method().equals("POST");
        record(request, chat);
        if (chat) {
            if (request.model() != null) {
                advertisedModels.add(request.model());
            }
            serve(exchange, request, next(request));
        } else if (path.endsWith(MODELS_SUFFIX) && request.method().equals("GET")) {
            sendJson(exchange, 200, models());
        } else {
            sendJson(exchange, 404, error("No scripted route for " + request.method() + " " + path));
        }
    }

    /** Marks the deliberate abort of {@link ScriptedResponse#dropConnection()}. */
    private static final class ScriptedDrop extends IOException {
        ScriptedDrop() {
            super("scripted connection drop");
        }
    }

    private ScriptedResponse next(RecordedRequest request) {
        ScriptedResponse queued = queue.poll();
        if (queued != null) {
            return queued;
        }
        try {
            ScriptedResponse dynamic = responder.get().apply(request);
            return dynamic != null ? dynamic : ScriptedResponse.httpError(500, "responder returned null");
        } catch (RuntimeException e) {
            return ScriptedResponse.httpError(500, "{\"error\":{\"message\":\"scripted responder failed: "
                    + e.getClass().getSimpleName() + "\"}}");
        }
    }

    private void serve(HttpExchange exchange, RecordedRequest request, ScriptedResponse response) throws IOException {
        switch (response.kind()) {
            case COMPLETION:
                if (request.stream()) {
                    stream(exchange, request, response);
                } else {
                    sendJson(exchange, 200, writer(request).completion(response, withIds(response), usage(request, response)));
                }
                break;
            case HTTP_ERROR:
                String body = response.body();
                String trimmed = body.trim();
                boolean looksJson = trimmed.startsWith("{") || trimmed.startsWith("[");
                send(exchange, response.status(), looksJson ? "application/json" : "text/plain; charset=utf-8", body);
                break;
            case MALFORMED:
                send(exchange, 200, request.stream() ? "text/event-stream" : "application/json", response.body());
                break;
            case DELAYED:
                if (!awaitClose(response.delay())) {
                    serve(exchange, request, response.then());
                }
                break;
            case HANG:
                awaitClose(MAX_HANG);
                // Closing an exchange that never sent headers makes the JDK server close the connection.
                break;
            case DROP_CONNECTION:
                dropAfterFirstChunk(exchange, request);
                break;
            default:
                throw new IllegalStateException("unknown kind " + response.kind());
        }
    }

    private void stream(HttpExchange exchange, RecordedRequest request, ScriptedResponse response) throws IOException {
        boolean separateUsage = request.body().path("stream_options").path("include_usage").asBoolean(false);
        List<ObjectNode> chunks = writer(request).chunks(response, withIds(response), usage(request, response),
                separateUsage);
        startEventStream(exchange);
        OutputStream out = exchange.getResponseBody();
        for (ObjectNode chunk : chunks) {
            writeEvent(out, json.writeValueAsString(chunk));
        }
        writeEvent(out, "[DONE]");
    }

    private void dropAfterFirstChunk(HttpExchange exchange, RecordedRequest request) throws IOException {
        String partial = writer(request).partialChunk("partial answer, then the connection drops").toString();
        if (request.stream()) {
            startEventStream(exchange);
            writeEvent(exchange.getResponseBody(), partial);
        } else {
            byte[] bytes = partial.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length * 2L); // promise more than we send
            exchange.getResponseBody().write(bytes);
            exchange.getResponseBody().flush();
        }
        throw new ScriptedDrop();
    }

    private void startEventStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0); // 0 = chunked
    }

    private static void writeEvent(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush(); // one HTTP chunk per event, so the client really sees a multi-chunk stream
    }

    /** Returns true if the provider was closed while waiting. */
    private boolean awaitClose(Duration max) {
        try {
            return closed.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private ChatCompletionWriter writer(RecordedRequest request) {
        String model = request.model() != null ? request.model() : "test-model";
        return new ChatCompletionWriter(json, "chatcmpl-scripted-" + idSequence.incrementAndGet(), model,
                System.currentTimeMillis() / 1000);
    }

    private List<ScriptedResponse.ToolCall> withIds(ScriptedResponse response) {
        List<ScriptedResponse.ToolCall> out = new ArrayList<>();
        for (ScriptedResponse.ToolCall call : response.toolCalls()) {
            out.add(call.id() != null ? call
                    : new ScriptedResponse.ToolCall("call_scripted_" + idSequence.incrementAndGet(), call.name(),
                    call.argumentsJson()));
        }
        return out;
    }

    /** Fixed counts from {@link ScriptedResponse#withUsage}, else a rough 4-characters-per-token estimate. */
    private ObjectNode usage(RecordedRequest request, ScriptedResponse response) {
        int completionChars = response.text() == null ? 0 : response.text().length();
        for (ScriptedResponse.ToolCall call : response.toolCalls()) {
            completionChars += call.name().length() + call.argumentsJson().length();
        }
        ScriptedResponse.Usage fixed = response.usage();
        int prompt = fixed.promptTokens() != null ? fixed.promptTokens() : Math.max(1, request.rawBody().length() / 4);
        int completion = fixed.completionTokens() != null ? fixed.completionTokens() : Math.max(1, completionChars / 4);
        ObjectNode usage = json.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        return usage;
    }

    private ObjectNode models() {
        ObjectNode root = json.createObjectNode();
        root.put("object", "list");
        List<String> ids;
        synchronized (advertisedModels) {
            ids = new ArrayList<>(advertisedModels);
        }
        for (String id : ids) {
            ObjectNode m = root.withArray("data").addObject();
            m.put("id", id);
            m.put("object", "model");
            m.put("created", 0);
            m.put("owned_by", "scripted");
        }
        if (ids.isEmpty()) {
            root.putArray("data");
        }
        return root;
    }

    private ObjectNode error(String message) {
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", "invalid_request_error");
        return root;
    }

    private RecordedRequest read(HttpExchange exchange) throws IOException {
        byte[] bytes;
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        try (InputStream raw = exchange.getRequestBody();
             InputStream in = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")
                     ? new GZIPInputStream(raw) : raw) {
            bytes = in.readAllBytes();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode body = MissingNode.getInstance();
        if (!text.isBlank()) {
            try {
                body = json.readTree(text);
            } catch (IOException notJson) {
                body = MissingNode.getInstance();
            }
        }
        return new RecordedRequest(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body,
                exchange.getRequestMethod(), text);
    }

    private void record(RecordedRequest request, boolean chat) {
        synchronized (recordLock) {
            allRequests.add(request);
            if (chat) {
                chatRequests.add(request);
                chatTotal++;
            }
            trim();
            recordLock.notifyAll();
        }
    }

    private void trim() {
        while (allRequests.size() > retained) {
            allRequests.remove(0);
        }
        while (chatRequests.size() > retained) {
            chatRequests.remove(0);
        }
    }

    private void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", json.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
