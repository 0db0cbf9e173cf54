package dev.copilotci.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON-RPC 2.0 over one {@link Transport}. Threads, all daemon and named {@code <name>-…}:
 * <ul>
 *   <li>one reader, which only parses frames and hands them on, so it can never be blocked by user code;</li>
 *   <li>one writer, so a caller never blocks on a stalled peer (it waits on its answer's deadline instead);</li>
 *   <li>one dispatcher that delivers notifications and server requests in arrival order.</li>
 * </ul>
 * Every request has a deadline. Server requests the handler does not know are answered with -32601.
 */
final class JsonRpcConnection implements AutoCloseable {

    /** Receives what the server sends. Called on the dispatcher thread: return quickly. */
    public interface Handler {
        void onNotification(String method, JsonNode params);

        /** Answer a server→client request; complete exceptionally with {@link RpcException} for an error answer. */
        CompletableFuture<JsonNode> onRequest(String method, JsonNode params);

        /** The transport ended without {@link #close()}: the server exited or the link dropped. */
        void onClosed(IOException cause);
    }

    private record Pending(String method, CompletableFuture<JsonNode> future) {
    }

    private final Transport transport;
    private final JsonCodec json = new JsonCodec();
    private final Handler handler;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final ExecutorService writeThread;
    private final ExecutorService dispatchThread;
    private final Thread readThread;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicBoolean closedByUs = new AtomicBoolean();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private volatile IOException terminationCause;

    private JsonRpcConnection(Transport transport, Handler handler, String name) {
        this.transport = transport;
        this.handler = handler;
        this.reader = new FrameReader(transport.input());
        this.writer = new FrameWriter(transport.output());
        this.writeThread = Executors.newSingleThreadExecutor(daemon(name + "-writer"));
        this.dispatchThread = Executors.newSingleThreadExecutor(daemon(name + "-dispatch"));
        this.readThread = daemon(name + "-reader").newThread(this::readLoop);
    }

    /** Starts reading at once; the caller owns the connection and must {@link #close()} it. */
    public static JsonRpcConnection open(Transport transport, Handler handler, String name) {
        JsonRpcConnection connection = new JsonRpcConnection(transport, handler, name);
        connection.readThread.start();
        return connection;
    }

    public String peer() {
        return transport.description();
    }

    public boolean isOpen() {
        return !terminated.get();
    }

    /** Sends a request; the future fails with {@link RpcException}, {@link RequestTimeoutException} or {@link ConnectionClosedException}. */
    public CompletableFuture<JsonNode> request(String method, JsonNode params, Duration timeout) {
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        if (terminated.get()) {
            future.completeExceptionally(closedException(method));
            return future;
        }
        long id = nextId.getAndIncrement();
        pending.put(id, new Pending(method, future));
        ObjectNode message = JsonCodec.object();
        message.put("jsonrpc", "2.0");
        message.put("id", id);
        message.put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        CompletableFuture<JsonNode> bounded = future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((result, error) -> {
                    pending.remove(id);
                    if (error instanceof TimeoutException) {
                        throw new CompletionException(new RequestTimeoutException(method, timeout, peer()));
                    }
                    if (error != null) {
                        throw error instanceof CompletionException ce ? ce : new CompletionException(error);
                    }
                    return result;
                });
        send(message, future);
        // A terminate() racing with put() above may have missed this entry.
        if (terminated.get()) {
            future.completeExceptionally(closedException(method));
        }
        return bounded;
    }

    /** Blocking form of {@link #request}: the server's answer, or the reason there is none. */
    public JsonNode call(String method, JsonNode params, Duration timeout) throws RpcException, IOException {
        try {
            return request(method, params, timeout).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for " + method);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /** Rethrows a request failure as the checked type it stands for. */
    public static RpcException unwrap(Throwable failure) throws IOException {
        Throwable t = failure;
        while (t instanceof CompletionException || t instanceof ExecutionException) {
            t = t.getCause();
        }
        if (t instanceof RpcException rpc) {
            return rpc;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof CancellationException) {
            throw new ConnectionClosedException("request cancelled", t);
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        throw new IOException(t);
    }

    public void notify(String method, JsonNode params) {
        ObjectNode message = JsonCodec.object();
        message.put("jsonrpc", "2.0");
        message.put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        send(message, null);
    }

    private void send(ObjectNode message, CompletableFuture<JsonNode> failOnError) {
        byte[] body;
        try {
            body = json.encode(message);
        } catch (IOException e) {
            // Our own message cannot be encoded: a bug or bad input, not a broken connection.
            if (failOnError != null) {
                failOnError.completeExceptionally(new IllegalArgumentException("cannot encode "
                        + message.path("method").asText("a response") + " as JSON: " + e.getMessage(), e));
            }
            return;
        }
        try {
            writeThread.execute(() -> {
                try {
                    writer.write(body);
                } catch (IOException e) {
                    if (failOnError != null) {
                        failOnError.completeExceptionally(new ConnectionClosedException(
                                "could not write to " + peer() + ": " + e.getMessage(), e));
                    }
                    terminate(e);
                }
            });
        } catch (RejectedExecutionException e) {
            if (failOnError != null) {
                failOnError.completeExceptionally(closedException(message.path("method").asText("response")));
            }
        }
    }

    private void readLoop() {
        IOException cause;
        try {
            while (true) {
                byte[] body = reader.read();
                if (body == null) {
                    cause = new IOException("end of stream");
                    break;
                }
                JsonNode message;
                try {
                    message = json.decode(body);
                } catch (IOException e) {
                    continue; // one unparsable frame does not poison the connection
                }
                route(message);
            }
        } catch (IOException e) {
            cause = e;
        } catch (RuntimeException e) {
            cause = new IOException(e);
        }
        terminate(cause);
    }

    private void route(JsonNode message) {
        if (message == null || !message.isObject()) {
            return;
        }
        JsonNode method = message.get("method");
        JsonNode id = message.get("id");
        if (method != null && method.isTextual()) {
            JsonNode params = message.path("params");
            if (id == null || id.isNull()) {
                dispatch(() -> handler.onNotification(method.asText(), params));
            } else {
                dispatch(() -> answerServerRequest(id, method.asText(), params));
            }
            return;
        }
        if (id == null || !id.canConvertToLong()) {
            return; // e.g. {"id":null,"error":...} for a frame the server could not parse
        }
        Pending p = pending.remove(id.asLong());
        if (p == null) {
            return; // answer after our deadline: already reported as a timeout
        }
        JsonNode error = message.get("error");
        if (error != null && !error.isNull()) {
            p.future().completeExceptionally(new RpcException(p.method(),
                    error.path("code").asInt(RpcError.INTERNAL_ERROR), error.path("message").asText("")));
        } else {
            p.future().complete(message.path("result"));
        }
    }

    private void answerServerRequest(JsonNode id, String method, JsonNode params) {
        CompletableFuture<JsonNode> answer;
        try {
            answer = handler.onRequest(method, params);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        if (answer == null) {
            answer = CompletableFuture.failedFuture(
                    new RpcException(method, RpcError.METHOD_NOT_FOUND, "Unhandled method " + method));
        }
        answer.whenComplete((result, error) -> {
            ObjectNode response = JsonCodec.object();
            response.put("jsonrpc", "2.0");
            response.set("id", id);
            if (error == null) {
                response.set("result", result == null ? NullNode.getInstance() : result);
            } else {
                Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                ObjectNode err = response.putObject("error");
                if (t instanceof RpcException rpc) {
                    err.put("code", rpc.code());
                    err.put("message", rpc.serverMessage());
                } else {
                    err.put("code", RpcError.INTERNAL_ERROR);
                    err.put("message", String.valueOf(t.getMessage()));
                }
            }
            send(response, null);
        });
    }

    private void dispatch(Runnable task) {
        try {
            dispatchThread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException ignored) {
                    // a failing listener must not stop delivery to the others
                }
            });
        } catch (RejectedExecutionException ignored) {
            // closing: nobody is listening any more
        }
    }

    private void terminate(IOException cause) {
        if (!terminated.compareAndSet(false, true)) {
            return;
        }
        terminationCause = cause;
        transport.close();
        for (Long id : pending.keySet()) {
            Pending p = pending.remove(id);
            if (p != null) {
                p.future().completeExceptionally(closedException(p.method()));
            }
        }
        if (!closedByUs.get()) {
            dispatch(() -> handler.onClosed(cause)); // after the events that arrived before the end
        }
        dispatchThread.shutdown();
        writeThread.shutdown();
    }

    private ConnectionClosedException closedException(String method) {
        IOException cause = terminationCause;
        String why = closedByUs.get() ? "the client closed it"
                : cause == null ? "closed" : String.valueOf(cause.getMessage());
        return new ConnectionClosedException("connection to " + peer() + " ended before " + method + " was answered ("
                + why + ")", cause);
    }

    /** Closes the transport and releases the threads (bounded wait); pending requests fail at once. */
    @Override
    public void close() {
        closedByUs.set(true);
        terminate(new IOException("closed by client"));
        try {
            readThread.join(2000);
            dispatchThread.awaitTermination(2, TimeUnit.SECONDS);
            writeThread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatchThread.shutdownNow();
        writeThread.shutdownNow();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }
}
