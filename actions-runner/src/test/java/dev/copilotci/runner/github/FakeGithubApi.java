package dev.copilotci.runner.github;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scripted stand-in for the GitHub REST API on 127.0.0.1 (random port) that records every request. Routes are
 * keyed by "METHOD /path?query"; unknown routes answer 404 like GitHub.
 */
final class FakeGithubApi implements AutoCloseable {

    record Request(String method, String pathAndQuery, String authorization, String apiVersion, String accept,
            String body) {
    }

    record Response(int status, String body, Map<String, String> headers, CountDownLatch holdUntil) {
        static Response json(int status, String body) {
            return new Response(status, body, Map.of(), null);
        }

        Response withHeader(String name, String value) {
            Map<String, String> h = new java.util.HashMap<>(headers);
            h.put(name, value);
            return new Response(status, body, h, holdUntil);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, List<Response>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    FakeGithubApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code route} with the given responses in turn (the last one repeats). */
    FakeGithubApi on(String route, Response... responses) {
        routes.put(route, new CopyOnWriteArrayList<>(List.of(responses)));
        return this;
    }

    /** A response that is never sent until the fake is closed (for timeout tests). */
    Response hanging() {
        return new Response(200, "[]", Map.of(), release);
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            requests.add(new Request(exchange.getRequestMethod(), pathAndQuery,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("X-GitHub-Api-Version"),
                    exchange.getRequestHeaders().getFirst("Accept"), body));
            List<Response> scripted = routes.get(exchange.getRequestMethod() + " " + pathAndQuery);
            Response response;
            if (scripted == null || scripted.isEmpty()) {
                response = Response.json(404, "{\"message\":\"Not Found\"}");
            } else {
                response = scripted.size() > 1 ? scripted.remove(0) : scripted.get(0);
            }
            if (response.holdUntil() != null) {
                try {
                    response.holdUntil().await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
