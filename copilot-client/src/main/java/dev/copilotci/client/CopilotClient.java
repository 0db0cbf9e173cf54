package dev.copilotci.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.copilotci.client.events.SessionEvent;
import dev.copilotci.client.text.UntrustedText;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A connection to one Copilot CLI server (started by us, shared, or behind any transport) and the sessions on it.
 * Create with {@link #connect(ClientOptions)}; always {@link #close()} (detaches sessions, stops a server we started).
 *
 * <p>If the connection drops, the next call reconnects (to the next URL in order, or to a restarted server of ours)
 * and sessions resume themselves; see {@link CopilotSession#sendAndWait}.
 */
public final class CopilotClient implements AutoCloseable {
    /** The only protocol version this client speaks (CLI 1.0.x). */
    public static final int PROTOCOL_VERSION = 3;

    /** A live connection; replaced as a whole on reconnect. */
    record Link(JsonRpcConnection rpc, int generation, ServerStatus status) {
        String server() {
            return rpc.peer();
        }
    }

    private final ClientOptions options;
    private final Map<String, CopilotSession> sessions = new ConcurrentHashMap<>();
    private final ExecutorService toolExecutor;
    private final AtomicInteger toolThreads = new AtomicInteger();
    private final Object linkLock = new Object();
    private volatile Link link;
    private int generations;
    private CliLauncher.LaunchedCli launched; // guarded by linkLock
    private CliLauncher.Starting starting; // spawned by connect(), not yet awaited; guarded by linkLock
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    private CopilotClient(ClientOptions options, CliLauncher.Starting starting) {
        this.options = options;
        this.starting = starting;
        this.toolExecutor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "copilot-tool-" + toolThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects (starting the server first if so configured) and completes the handshake, or fails clearly. */
    public static CopilotClient connect(ClientOptions options) {
        CopilotClient client = start(options);
        try {
            client.link();
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Like {@link #connect}, but returns without waiting for the server: a CLI this client launches boots while the
     * caller prepares its work (reads a log, builds a prompt), and the first call that needs the server waits for it
     * and fails as {@code connect} would. Close the client in every case, used or not.
     */
    public static CopilotClient start(ClientOptions options) {
        // Our own CLI boots (~0.35 s) while this JVM loads and builds the rest of the client.
        CliLauncher.Starting early = null;
        if (options.connector() instanceof ServerConnector.LaunchCli launch) {
            try {
                early = CliLauncher.start(launch.options());
            } catch (CopilotException e) {
                // Not found or not startable: the first call tries again and reports it, after the caller's own
                // checks (a usage error in its inputs must not be hidden behind a missing CLI).
            }
        }
        try {
            CopilotClient client = new CopilotClient(options, early);
            if (early != null) {
                EngineWarmup.start(); // the CLI's boot is idle time for this JVM: load and link our code meanwhile
            }
            return client;
        } catch (RuntimeException | Error e) {
            if (early != null) {
                early.abandon();
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- server-level calls

    public ServerStatus status() {
        JsonNode r = call("status.get", JsonCodec.object());
        return new ServerStatus(r.path("version").asText(""), r.path("protocolVersion").asInt(0));
    }

    /** Round trip to the server; returns the latency. */
    public Duration ping() {
        long start = System.nanoTime();
        call("ping", JsonCodec.object());
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public AuthStatus authStatus() {
        JsonNode r = call("auth.getStatus", JsonCodec.object());
        return new AuthStatus(r.path("isAuthenticated").asBoolean(false), text(r, "authType"), text(r, "login"),
                text(r, "statusMessage"));
    }

    /** The models the server offers; fails on BYOK-only servers (not signed in to GitHub), as the server does. */
    public List<ModelInfo> listModels() {
        JsonNode r = call("models.list", JsonCodec.object());
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode m : r.path("models")) {
            models.add(new ModelInfo(m.path("id").asText(), m.path("name").asText(m.path("id").asText())));
        }
        return models;
    }

    /** Stored sessions, optionally only those whose working directory is {@code cwd}. */
    public List<SessionMetadata> listSessions(String cwd) {
        ObjectNode params = JsonCodec.object();
        if (cwd != null) {
            params.putObject("filter").put("cwd", cwd);
        }
        JsonNode r = call("session.list", params);
        List<SessionMetadata> list = new ArrayList<>();
        for (JsonNode s : r.path("sessions")) {
            list.add(metadata(s));
        }
        return list;
    }

    public Optional<SessionMetadata> sessionMetadata(String sessionId) {
        SessionConfig.requireValidSessionId(sessionId);
        JsonNode r = call("session.getMetadata", JsonCodec.object().put("sessionId", sessionId));
        JsonNode s = r.path("session");
        return s.isObject() ? Optional.of(metadata(s)) : Optional.empty();
    }

    /** Deletes a stored session; returns {@code false} if the server had no such session. */
    public boolean deleteSession(String sessionId) {
        SessionConfig.requireValidSessionId(sessionId);
        JsonNode r = call("session.delete", JsonCodec.object().put("sessionId", sessionId));
        CopilotSession open = sessions.remove(sessionId);
        if (open != null) {
            open.markClosed(); // its waiting prompt, if any, ends now
        }
        return r.path("success").asBoolean(false);
    }

    /** Ping, status and auth status in one: what a "Test connection" button needs. */
    public HealthReport healthCheck() {
        Duration latency = ping();
        return new HealthReport(link().server(), status(), authStatus(), latency);
    }

    /**
     * Deletes stored sessions not modified for {@code age} that match {@code filter} (e.g. an id prefix for job
     * sessions); returns the ids deleted. Sessions open in this client are skipped.
     */
    public List<String> deleteSessionsOlderThan(Duration age, Predicate<SessionMetadata> filter) {
        Instant cutoff = Instant.now().minus(age);
        List<String> deleted = new ArrayList<>();
        for (SessionMetadata s : listSessions(null)) {
            Instant modified = s.modifiedTime() != null ? s.modifiedTime() : s.startTime();
            if (modified != null && modified.isBefore(cutoff) && filter.test(s) && !sessions.containsKey(s.sessionId())
                    && deleteSession(s.sessionId())) {
                deleted.add(s.sessionId());
            }
        }
        return deleted;
    }

    /**
     * Any server method this client has no typed call for (the protocol has many), with the client's request
     * deadline. Server→client requests stay handled by the client.
     */
    public JsonNode rawRequest(String method, JsonNode params) {
        return call(method, params == null ? JsonCodec.object() : params);
    }

    // ---------------------------------------------------------------- sessions

    /** Creates a new session; an existing id is an error the server decides (use {@link #openSession}). */
    public CopilotSession createSession(SessionConfig config) {
        return CopilotSession.attached(this, config, false);
    }

    /** Resumes a stored session; fails if the server has no session with that id. */
    public CopilotSession resumeSession(SessionConfig config) {
        if (config.sessionId() == null) {
            throw new IllegalArgumentException("resumeSession needs a session id");
        }
        return CopilotSession.attached(this, config, true);
    }

    /** Resumes the session if the server has it, else creates it: the call for job-scoped sessions. */
    public CopilotSession openSession(SessionConfig config) {
        if (config.sessionId() == null) {
            return createSession(config);
        }
        return sessionMetadata(config.sessionId()).isPresent() ? resumeSession(config) : createSession(config);
    }

    // ---------------------------------------------------------------- plumbing used by sessions

    ClientOptions options() {
        return options;
    }

    ExecutorService toolExecutor() {
        return toolExecutor;
    }

    /** One open object per session id in a client: a second one would never see its events. */
    void register(String sessionId, CopilotSession session) {
        CopilotSession other = sessions.putIfAbsent(sessionId, session);
        if (other != null && other != session) {
            throw new CopilotException("Session " + sessionId + " is already open in this client: use that"
                    + " CopilotSession, or disconnect it first");
        }
    }

    void unregister(String sessionId, CopilotSession session) {
        sessions.remove(sessionId, session);
    }

    boolean isClosed() {
        return closed;
    }

    /** One log line; text from the server or model in it is flattened to one line without control characters. */
    void log(String line) {
        try {
            options.log().accept(UntrustedText.singleLine(line, 4000));
        } catch (RuntimeException ignored) {
            // logging must never break the client
        }
    }

    /** A request on the current link, with the client's request deadline; errors become {@link CopilotException}s. */
    JsonNode call(String method, JsonNode params) {
        return call(link(), method, params, options.requestTimeout());
    }

    JsonNode call(Link l, String method, JsonNode params, Duration timeout) {
        try {
            return l.rpc().call(method, params, timeout);
        } catch (RpcException e) {
            throw new CopilotException(method + " failed: " + e.serverMessage(), e);
        } catch (IOException e) {
            throw connectionFailure(l, method, e);
        }
    }

    CopilotConnectionException connectionFailure(Link l, String method, IOException e) {
        return new CopilotConnectionException("Copilot CLI at " + l.server() + ": " + method + " got no answer: "
                + e.getMessage(), e);
    }

    /** The current link if it is open, else {@code null}; never connects. */
    Link currentLink() {
        Link l = link;
        return l != null && l.rpc().isOpen() ? l : null;
    }

    /** The current link, reconnecting first if it is gone. */
    Link link() {
        Link l = link;
        if (l != null && l.rpc().isOpen()) {
            return l;
        }
        return reconnect(l);
    }

    /** Replaces {@code failed} with a new link, unless another thread already did. */
    Link reconnect(Link failed) {
        synchronized (linkLock) {
            if (closed) {
                throw new CopilotConnectionException("The Copilot client is closed");
            }
            Link current = link;
            if (current != null && current.rpc().isOpen()) {
                return current; // never tear down a live connection (another thread may have reconnected)
            }
            if (current != null) {
                current.rpc().close();
            }
            Link fresh = openLink(++generations);
            if (closed) { // close() ran while we connected
                fresh.rpc().close();
                throw new CopilotConnectionException("The Copilot client is closed");
            }
            if (current != null) {
                log("Reconnected to the Copilot CLI at " + fresh.server() + " (CLI " + fresh.status().version() + ")");
            }
            link = fresh;
            return fresh;
        }
    }

    private Link openLink(int generation) {
        ServerConnector c = options.connector();
        if (c instanceof ServerConnector.ConnectToUrls urls) {
            return connectToUrls(urls, generation);
        }
        if (c instanceof ServerConnector.LaunchCli launch) {
            return connectToLaunched(launch.options(), generation);
        }
        ServerConnector.OpenTransport open = (ServerConnector.OpenTransport) c;
        Transport transport;
        try {
            transport = open.opener().open();
        } catch (IOException e) {
            throw new CopilotConnectionException("Cannot open the transport to the Copilot CLI: " + e.getMessage(), e);
        }
        return handshake(transport, open.connectionToken(), generation);
    }

    private Link connectToUrls(ServerConnector.ConnectToUrls c, int generation) {
        List<String> failures = new ArrayList<>();
        CopilotAuthenticationException firstAuthFailure = null;
        for (CliUrl url : c.urls()) {
            Transport transport;
            try {
                transport = TcpTransport.connect(url.host(), url.port(), options.connectTimeout());
            } catch (IOException e) {
                failures.add(url + " (" + describeConnectFailure(e) + ")");
                continue;
            }
            try {
                return handshake(transport, c.connectionToken(), generation);
            } catch (CopilotAuthenticationException e) {
                firstAuthFailure = firstAuthFailure == null ? e : firstAuthFailure;
                failures.add(url + " (" + e.getMessage() + ")");
            } catch (CopilotException e) {
                failures.add(url + " (" + e.getMessage() + ")");
            }
        }
        if (firstAuthFailure != null && failures.size() == 1) {
            throw firstAuthFailure;
        }
        throw new CopilotConnectionException("Cannot reach a Copilot CLI server: " + String.join("; ", failures)
                + ". Check the CLI URL and that `copilot --headless --port <port>` is running there.", firstAuthFailure);
    }

    private static String describeConnectFailure(IOException e) {
        String type = e.getClass().getSimpleName();
        if (type.equals("ConnectException")) {
            return "connection refused: nothing listens there";
        }
        if (type.equals("SocketTimeoutException")) {
            return "no answer to the TCP connect in time";
        }
        if (type.equals("UnknownHostException")) {
            return "unknown host";
        }
        return e.getMessage() == null ? type : e.getMessage();
    }

    private Link connectToLaunched(CliLaunchOptions launch, int generation) {
        if (launched != null && launched.isAlive() && launch.mode() == CliLaunchOptions.Mode.TCP) {
            try {
                return handshake(launched.openTransport(options.connectTimeout()), launched.connectionToken(),
                        generation);
            } catch (IOException | CopilotException e) {
                // Killed but not yet reaped, or wedged: either way this server is no use any more.
                log("The Copilot CLI we started (pid " + launched.pid() + ") cannot be reached ("
                        + e.getMessage() + "); starting a new one");
                launched.stop(Duration.ofSeconds(2));
                launched = null;
            }
        }
        if (launched != null) {
            // A dead server is restarted; a stdio server whose pipes broke cannot be reused.
            log("The Copilot CLI we started (pid " + launched.pid() + ") "
                    + (launched.isAlive() ? "lost its stdio connection" : "exited") + "; starting a new one");
            launched.stop(Duration.ofSeconds(2));
            launched = null;
        }
        CliLauncher.Starting spawned = starting != null ? starting : CliLauncher.start(launch);
        starting = null;
        launched = spawned.awaitReady();
        log("Started the Copilot CLI (pid " + launched.pid() + ", "
                + (launched.mode() == CliLaunchOptions.Mode.TCP ? "port " + launched.port() : "stdio") + ")");
        try {
            return handshake(launched.openTransport(options.connectTimeout()), launched.connectionToken(), generation);
        } catch (IOException e) {
            throw new CopilotConnectionException("Cannot connect to the Copilot CLI we started: " + e.getMessage()
                    + launched.stderrTail(), e);
        } catch (CopilotException e) {
            throw new CopilotConnectionException(e.getMessage() + launched.stderrTail(), e);
        }
    }

    /** {@code connect} (or {@code ping} on old servers), protocol check; closes the transport on failure. */
    private Link handshake(Transport transport, String token, int generation) {
        JsonRpcConnection rpc = JsonRpcConnection.open(transport, new Handler(generation),
                "copilot-rpc-" + generation);
        String server = transport.description();
        try {
            ObjectNode params = JsonCodec.object();
            if (token != null) {
                params.put("token", token);
            }
            JsonNode result;
            try {
                result = rpc.call("connect", params, options.connectTimeout());
            } catch (RpcException e) {
                if (e.code() == RpcError.METHOD_NOT_FOUND || e.serverMessage().contains("Unhandled method connect")) {
                    result = rpc.call("ping", JsonCodec.object(), options.connectTimeout()); // pre-token CLIs
                } else {
                    throw authFailure(server, token, e);
                }
            }
            int version = result.path("protocolVersion").asInt(-1);
            if (version != PROTOCOL_VERSION) {
                throw new ProtocolVersionException("The Copilot CLI at " + server + " speaks protocol version "
                        + (version < 0 ? "(none reported)" : version) + "; this client speaks " + PROTOCOL_VERSION
                        + ". Use @github/copilot 1.0.x (tested: 1.0.102).");
            }
            return new Link(rpc, generation, new ServerStatus(result.path("version").asText("unknown"), version));
        } catch (RpcException e) {
            rpc.close();
            throw new CopilotException("Handshake with " + server + " failed: " + e.getMessage(), e);
        } catch (RequestTimeoutException e) {
            rpc.close();
            throw new CopilotConnectionException(server + " did not answer the handshake within "
                    + options.connectTimeout().toSeconds() + " s: is it a Copilot CLI server (copilot --headless)?", e);
        } catch (ConnectionClosedException e) {
            rpc.close();
            if (e.getCause() instanceof ProtocolException p) {
                throw new CopilotConnectionException(server + " is not a Copilot CLI server (" + p.getMessage()
                        + "). Check the CLI URL: it must point at `copilot --headless --port <port>`.", e);
            }
            throw new CopilotConnectionException(server + " closed the connection during the handshake: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            rpc.close();
            throw new CopilotConnectionException("Handshake with " + server + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rpc.close();
            throw e;
        }
    }

    private static CopilotException authFailure(String server, String token, RpcException e) {
        return switch (e.code()) {
            case RpcError.AUTHENTICATION_REQUIRED, RpcError.AUTHENTICATION_FAILED -> token == null
                    ? new CopilotAuthenticationException("The Copilot CLI at " + server + " requires a connection token"
                    + " and none was configured: set COPILOT_CONNECTION_TOKEN (or the connection-token credential)"
                    + " to the server's token.", e)
                    : new CopilotAuthenticationException("The Copilot CLI at " + server + " rejected the connection"
                    + " token (AUTHENTICATION_FAILED): configure the token the server was started with"
                    + " (its COPILOT_CONNECTION_TOKEN).", e);
            case RpcError.AUTHENTICATION_NOT_CONFIGURED -> new CopilotAuthenticationException("A connection token was"
                    + " configured but the Copilot CLI at " + server + " has none (AUTHENTICATION_NOT_CONFIGURED):"
                    + " remove the token from the configuration, or start the server with COPILOT_CONNECTION_TOKEN.", e);
            default -> new CopilotException("Handshake with " + server + " failed: " + e.getMessage(), e);
        };
    }

    /** Routes server traffic of one link generation. */
    private final class Handler implements JsonRpcConnection.Handler {
        private final int generation;

        Handler(int generation) {
            this.generation = generation;
        }

        @Override
        public void onNotification(String method, JsonNode params) {
            if (!method.equals("session.event")) {
                return; // session.lifecycle and host events: nothing a CI client needs
            }
            String sessionId = params.path("sessionId").asText("");
            CopilotSession session = sessions.get(sessionId);
            if (session != null) {
                session.onEvent(SessionEvent.parse(sessionId, params.path("event")), generation);
            }
        }

        @Override
        public CompletableFuture<JsonNode> onRequest(String method, JsonNode params) {
            // We opt in to no server→client requests (no user input, hooks, elicitation...): refuse anything else.
            return CompletableFuture.failedFuture(
                    new RpcException(method, RpcError.METHOD_NOT_FOUND, "Unhandled method " + method));
        }

        @Override
        public void onClosed(IOException cause) {
            if (closed) {
                return;
            }
            Link l = link;
            log("Lost the connection to the Copilot CLI" + (l == null ? "" : " at " + l.server()) + ": "
                    + cause.getMessage());
            for (CopilotSession s : sessions.values()) {
                s.onConnectionLost(generation, cause);
            }
        }
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Detaches every open session, then — only for a server this client owns — asks it to shut down, closes the
     * connection and ends the process tree. Never shuts down a shared server. Bounded: about 20 s at worst.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        boolean interrupted = Thread.interrupted(); // a cancelled CI job still gets a clean shutdown
        try {
            shutDown();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void shutDown() {
        Link l = link;
        for (CopilotSession s : List.copyOf(sessions.values())) {
            s.onClientClosing(l); // a prompt still waiting ends now, instead of at its deadline
        }
        sessions.clear();
        boolean ownsServer = options.connector() instanceof ServerConnector.LaunchCli
                || (options.connector() instanceof ServerConnector.OpenTransport o && o.ownsServer());
        if (l != null) {
            if (ownsServer && l.rpc().isOpen()) {
                try {
                    l.rpc().call("runtime.shutdown", JsonCodec.object(), Duration.ofSeconds(5));
                } catch (RpcException | IOException ignored) {
                    // the process is terminated below anyway
                }
            }
            l.rpc().close();
        }
        synchronized (linkLock) {
            if (launched != null) {
                launched.stop(Duration.ofSeconds(5));
                launched = null;
            }
            if (starting != null) {
                starting.abandon();
                starting = null;
            }
        }
        toolExecutor.shutdownNow();
    }

    /** The process we started, if any (for diagnostics and tests). */
    public Optional<Long> launchedPid() {
        synchronized (linkLock) {
            return launched == null ? Optional.empty() : Optional.of(launched.pid());
        }
    }

    /** The server of the current link: "127.0.0.1:4401", "stdio of copilot pid 1234". */
    public String server() {
        return link().server();
    }

    private static SessionMetadata metadata(JsonNode s) {
        return new SessionMetadata(s.path("sessionId").asText(), instant(s, "startTime"), instant(s, "modifiedTime"),
                s.path("isDetached").asBoolean(false), text(s, "summary"), text(s, "clientName"),
                text(s.path("context"), "cwd"));
    }

    private static Instant instant(JsonNode n, String field) {
        String t = text(n, field);
        if (t == null) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
