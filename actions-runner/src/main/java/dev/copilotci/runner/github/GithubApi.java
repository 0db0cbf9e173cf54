package dev.copilotci.runner.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.client.text.UntrustedText;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimal GitHub REST client: JSON in and out, a timeout on every request, no redirects (they could carry the
 * Authorization header elsewhere), pagination only within the API's own origin, and the token sent only over https
 * (or plain http to a loopback address, for tests).
 */
final class GithubApi {

    static final String API_VERSION = "2022-11-28";
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    private static final int MAX_ERROR_MESSAGE = 300;

    private final URI base;
    private final GithubToken token;
    private final HttpClient client;
    private final Duration timeout;
    private final Instant deadline;
    private final ObjectMapper json;

    /**
     * @param timeout  per request
     * @param deadline for all requests of this client together (pagination, retries)
     */
    GithubApi(URI base, GithubToken token, HttpClient client, Duration timeout, Instant deadline, ObjectMapper json) {
        this.base = URI.create(GithubEnvironment.stripTrailingSlash(Objects.requireNonNull(base, "base").toString()));
        this.token = Objects.requireNonNull(token, "token");
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.json = Objects.requireNonNull(json, "json");
    }

    static HttpClient newHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Why the token must not be sent to {@code base}, or empty when it may. */
    static Optional<String> unsafeTransport(URI base) {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http") && isLoopback(base.getHost())) {
            return Optional.empty();
        }
        return Optional.of("refusing to send the GitHub token to a non-https API URL");
    }

    /** One request to {@code path} (relative to the API base); returns the parsed JSON body (may be empty). */
    JsonNode call(String method, String path, JsonNode body) throws GithubApiException, IOException,
            InterruptedException {
        HttpResponse<String> response = send(method, resolve(path), body);
        return parse(response.body());
    }

    /** GETs {@code path} and follows {@code rel="next"} links (same origin only), collecting array elements. */
    List<JsonNode> getAll(String path, int maxPages) throws GithubApiException, IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        URI next = resolve(path);
        for (int page = 0; page < maxPages && next != null; page++) {
            HttpResponse<String> response = send("GET", next, null);
            JsonNode node = parse(response.body());
            if (!node.isArray()) {
                throw new IOException("expected a JSON array from GET " + next.getPath());
            }
            node.forEach(items::add);
            next = nextLink(response).filter(this::sameOrigin).orElse(null);
        }
        return items;
    }

    /**
     * GETs {@code path} expecting a redirect (the logs endpoints answer 302 to short-lived storage) and returns its
     * target, which the caller fetches <em>without</em> the token.
     */
    URI redirectTarget(String path) throws GithubApiException, IOException, InterruptedException {
        HttpRequest request = authorized(resolve(path)).GET().build();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 3) {
            throw new GithubApiException(response.statusCode(), response.statusCode() / 100 == 2
                    ? "expected a redirect to the log's storage" : "GET " + path + " failed");
        }
        return response.headers().firstValue("Location").map(base::resolve)
                .orElseThrow(() -> new IOException("a redirect without a Location from GET " + path));
    }

    private HttpRequest.Builder authorized(URI uri) throws HttpTimeoutException {
        Duration remaining = Duration.between(Instant.now(), deadline);
        if (remaining.isNegative() || remaining.isZero()) {
            throw new HttpTimeoutException("overall deadline for GitHub API calls passed");
        }
        return HttpRequest.newBuilder(uri)
                .timeout(remaining.compareTo(timeout) < 0 ? remaining : timeout)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("User-Agent", "copilot-ci-runner")
                .header("Authorization", "Bearer " + token.reveal());
    }

    private HttpResponse<String> send(String method, URI uri, JsonNode body) throws GithubApiException,
            IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8);
        HttpRequest.Builder request = authorized(uri).method(method, publisher);
        if (body != null) {
            request.header("Content-Type", "application/json; charset=utf-8");
        }
        HttpResponse<String> response = client.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new GithubApiException(response.statusCode(), errorMessage(response.body()));
        }
        return response;
    }

    private URI resolve(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /");
        }
        return URI.create(base + path);
    }

    private JsonNode parse(String body) throws IOException {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        return json.readTree(body);
    }

    private String errorMessage(String body) {
        String message = "";
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            if (node != null && node.hasNonNull("message")) {
                message = node.get("message").asText();
            }
        } catch (IOException | RuntimeException e) {
            message = "";
        }
        return redacted(UntrustedText.singleLine(message, MAX_ERROR_MESSAGE));
    }

    /**
     * A failed call's I/O error for a {@link PostResult}: its class and one cleaned line of its message, never the
     * token. The job's other secrets are masked where the result is printed ({@code JobOutput}); only the token is
     * ours to know here.
     */
    String describe(IOException e) {
        return e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + redacted(UntrustedText.singleLine(e.getMessage(), 200)));
    }

    private String redacted(String text) {
        return text.replace(token.reveal(), "****");
    }

    private static Optional<URI> nextLink(HttpResponse<?> response) {
        for (String link : response.headers().allValues("Link")) {
            Matcher m = NEXT_LINK.matcher(link);
            if (m.find()) {
                try {
                    return Optional.of(URI.create(m.group(1)));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private boolean sameOrigin(URI uri) {
        return Objects.equals(lower(uri.getScheme()), lower(base.getScheme()))
                && Objects.equals(lower(uri.getHost()), lower(base.getHost()))
                && effectivePort(uri) == effectivePort(base)
                && uri.getRawPath() != null && uri.getRawPath().startsWith(base.getRawPath() == null ? "" : base.getRawPath());
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false; // never resolve names here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
