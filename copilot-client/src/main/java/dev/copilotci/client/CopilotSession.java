package dev.copilotci.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.copilotci.client.events.ExternalToolRequested;
import dev.copilotci.client.events.PermissionRequested;
import dev.copilotci.client.events.SessionEvent;
import dev.copilotci.client.events.SessionListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One conversation on the server. Prompts run one at a time ({@link #sendAndWait}); every permission request and
 * custom-tool call of the session is answered by this object, so a turn never waits for a human.
 */
public final class CopilotSession implements AutoCloseable {
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(10);
    /** How long we wait for an aborted prompt's end (its session.idle) before going on. */
    private static final Duration ABORT_SETTLE_TIMEOUT = Duration.ofSeconds(5);

    private final CopilotClient client;
    private final SessionConfig config;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock turnLock = new ReentrantLock();
    private final ServerRequestAnswers answers;
    private volatile String sessionId;
    private volatile int attachedGeneration = -1;
    private volatile TurnTracker activeTurn;
    private volatile boolean closed;
    private volatile String attachNote;

    CopilotSession(CopilotClient client, SessionConfig config) {
        this.client = client;
        this.config = config;
        this.sessionId = config.sessionId();
        this.answers = new ServerRequestAnswers(client, config, () -> sessionId, () -> {
            TurnTracker turn = activeTurn;
            if (turn != null) {
                turn.markActivity(); // our own work counts as activity for the watchdog
            }
        });
    }

    public String id() {
        return sessionId;
    }

    public SessionConfig config() {
        return config;
    }

    /**
     * Adds a listener for every event of this session; run the returned action to remove it. Listeners run on the
     * connection's dispatch thread (see {@link SessionListener} for what not to do there), and the event that ends a
     * prompt reaches them before {@link #sendAndWait} returns.
     */
    public Runnable addListener(SessionListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public TurnResult sendAndWait(String prompt) {
        return sendAndWait(prompt, TurnOptions.DEFAULTS);
    }

    /**
     * Sends a prompt and waits for the turn to finish, within the overall deadline and under the inactivity watchdog.
     * Recovers at most once, by sending the prompt again: when the server no longer has the session loaded (idle
     * cleanup), or when the connection drops mid-turn (reconnect, resume). {@link TurnResult#recoveryNote()} says so.
     *
     * @throws TurnTimeoutException    deadline or watchdog; the turn was aborted, the message says what was pending
     * @throws SessionErrorException   the server reported an error for the turn (provider down, 401, …)
     * @throws TurnAbortedException    {@link #abort()} was called (e.g. the CI job was cancelled)
     * @throws CopilotException        anything else, with a message naming the fix
     */
    public TurnResult sendAndWait(String prompt, TurnOptions options) {
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("The prompt is empty: give the model something to do");
        }
        Duration timeout = options.timeout() != null ? options.timeout() : config.turnTimeout();
        Duration inactivity = options.inactivityTimeout() != null ? options.inactivityTimeout()
                : config.inactivityTimeout();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        lockTurn(deadline);
        try {
            boolean resent = false; // the one re-send this prompt may get
            String recoveryNote = null;
            while (true) {
                ensureOpen();
                CopilotClient.Link link = client.link();
                attachIfNeeded(link);
                if (attachNote != null) {
                    recoveryNote = join(recoveryNote, attachNote);
                    attachNote = null;
                }
                TurnTracker turn = new TurnTracker(link.generation());
                activeTurn = turn;
                try {
                    String messageId;
                    try {
                        messageId = send(link, prompt, options, remaining(deadline));
                    } catch (RpcException e) {
                        if (e.isSessionNotFound() && !resent) {
                            resent = true;
                            attachedGeneration = -1;
                            recoveryNote = join(recoveryNote, "the server no longer had session " + sessionId
                                    + " loaded (e.g. idle cleanup); resumed it and sent the prompt again");
                            client.log("Copilot: " + recoveryNote);
                            continue;
                        }
                        throw new CopilotException("Sending the prompt failed: " + e.serverMessage(), e);
                    } catch (RequestTimeoutException e) {
                        // The server is there but slow: do not tear the connection down, and do not send twice.
                        abortQuietly(link, turn);
                        throw new TurnTimeoutException("The Copilot CLI at " + link.server() + " did not acknowledge"
                                + " the prompt within " + e.timeout().toSeconds() + " s; the turn was aborted. Is the"
                                + " server overloaded?", false, e.timeout(), "the acknowledgement of session.send");
                    } catch (IOException e) {
                        if (resent || !recoverable()) {
                            throw client.connectionFailure(link, "session.send", e);
                        }
                        resent = true;
                        recoveryNote = join(recoveryNote, "the connection to " + link.server() + " failed while"
                                + " sending the prompt; reconnected, resumed the session and sent the prompt again");
                        client.log("Copilot: " + recoveryNote);
                        client.reconnect(link);
                        continue;
                    }
                    turn.setMessageId(messageId);
                    if (turn.abortRequested()) {
                        abortQuietly(link, turn); // abort() came while the prompt was being sent
                    }
                    awaitTurn(link, turn, deadline, timeout, inactivity);
                    IOException lost = turn.connectionLost();
                    if (lost != null) {
                        if (client.isClosed() || closed || turn.abortRequested()) {
                            throw new TurnAbortedException("The prompt was stopped: " + lost.getMessage()
                                    + " while it ran (session " + sessionId + ")");
                        }
                        if (resent) {
                            throw new CopilotConnectionException("The connection to the Copilot CLI at "
                                    + link.server() + " was lost during the prompt again, after one recovery ("
                                    + recoveryNote + "): " + lost.getMessage(), lost);
                        }
                        resent = true;
                        recoveryNote = join(recoveryNote, "the connection to " + link.server() + " was lost"
                                + " mid-turn and the answer in progress was lost; reconnected, resumed the session and"
                                + " sent the prompt again");
                        client.log("Copilot: " + recoveryNote);
                        client.reconnect(link);
                        continue;
                    }
                    return outcome(turn, start, recoveryNote);
                } finally {
                    activeTurn = null;
                }
            }
        } finally {
            turnLock.unlock();
        }
    }

    /** Sends without waiting; returns the message id. Events arrive at the listeners. */
    public String send(String prompt, TurnOptions options) {
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("The prompt is empty: give the model something to do");
        }
        ensureOpen();
        CopilotClient.Link link = client.link();
        attachIfNeeded(link);
        try {
            return send(link, prompt, options, client.options().requestTimeout());
        } catch (RpcException e) {
            throw new CopilotException("Sending the prompt failed: " + e.serverMessage(), e);
        } catch (IOException e) {
            throw client.connectionFailure(link, "session.send", e);
        }
    }

    /**
     * Aborts the running prompt, if any: a waiting {@link #sendAndWait} then fails with {@link TurnAbortedException}.
     * Never reconnects or starts a server just to abort; does nothing when no prompt runs.
     */
    public void abort() {
        TurnTracker turn = activeTurn;
        if (turn != null) {
            requestAbort(turn);
        }
    }

    /**
     * Marks {@code turn} aborted and tells the server, on the link it was sent on. A prompt still being sent is
     * aborted by {@link #sendAndWait} once the send is answered.
     */
    private void requestAbort(TurnTracker turn) {
        turn.requestAbort();
        CopilotClient.Link link = client.currentLink();
        if (turn.messageId() != null && link != null && link.generation() == turn.linkGeneration()) {
            client.call(link, "session.abort", idParams(), CONTROL_TIMEOUT);
        }
    }

    /** The persisted events of the session (ephemeral ones, like deltas and usage, are never stored). */
    public List<SessionEvent> getMessages() {
        ensureOpen();
        CopilotClient.Link link = client.link();
        attachIfNeeded(link);
        JsonNode r = client.call(link, "session.getMessages", idParams(), client.options().requestTimeout());
        List<SessionEvent> events = new ArrayList<>();
        for (JsonNode e : r.path("events")) {
            events.add(SessionEvent.parse(sessionId, e));
        }
        return events;
    }

    /** A session method without a typed call here: {@code params} plus this session's id. */
    public JsonNode rawRequest(String method, ObjectNode params) {
        ObjectNode p = idParams();
        if (params != null) {
            p.setAll(params);
        }
        return client.call(client.link(), method, p, client.options().requestTimeout());
    }

    /** Detaches from the session; the server keeps it on disk (resume it later by id). */
    public void disconnect() {
        if (closed) {
            return;
        }
        closed = true;
        client.unregister(sessionId, this);
        endActiveTurn("session " + sessionId + " was disconnected");
        CopilotClient.Link link = client.currentLink();
        if (link != null && link.generation() == attachedGeneration) {
            client.call(link, "session.detach", idParams(), CONTROL_TIMEOUT); // else the server already dropped us
        }
    }

    /**
     * Deletes the session and its stored history on the server. A prompt still running is aborted first and its end
     * awaited (at most a few seconds): a turn still winding down on the server would write its last events after the
     * delete and bring the session back. Do not call it from a {@link SessionListener}: events, including the one
     * that ends the prompt, are delivered on that same thread.
     */
    public void delete() {
        TurnTracker turn = activeTurn;
        if (turn != null && !closed) {
            settle(turn);
        }
        closed = true;
        client.unregister(sessionId, this);
        endActiveTurn("session " + sessionId + " was deleted");
        JsonNode r = client.call(client.link(), "session.delete", idParams(), CONTROL_TIMEOUT);
        if (!r.path("success").asBoolean(false)) {
            throw new CopilotException("Deleting session " + sessionId + " failed: " + r.path("error").asText("?"));
        }
    }

    @Override
    public void close() {
        disconnect();
    }

    // ---------------------------------------------------------------- attach

    /** {@code session.create} or {@code session.resume} on {@code link}. */
    void attach(CopilotClient.Link link, boolean resume) {
        if (sessionId != null) {
            client.register(sessionId, this); // before the call: events may overtake its answer
        }
        try {
            attachCall(link, resume);
        } catch (RuntimeException e) {
            if (sessionId != null) {
                client.unregister(sessionId, this);
            }
            throw e;
        }
    }

    private void attachCall(CopilotClient.Link link, boolean resume) {
        String method = resume ? "session.resume" : "session.create";
        JsonNode r;
        try {
            r = link.rpc().call(method, SessionRequests.attach(sessionId, config, resume),
                    client.options().requestTimeout());
        } catch (RpcException e) {
            throw new CopilotException((resume ? "Resuming" : "Creating") + " session "
                    + (sessionId == null ? "" : sessionId + " ") + "failed: " + e.serverMessage(), e);
        } catch (IOException e) {
            throw client.connectionFailure(link, method, e);
        }
        String returned = r.path("sessionId").asText(null);
        if (returned != null && !returned.equals(sessionId)) {
            if (sessionId != null) {
                client.unregister(sessionId, this);
            }
            sessionId = returned;
            client.register(sessionId, this);
        }
        attachedGeneration = link.generation();
    }

    /** After a reconnect: resume on the new link; on a failover server without the session, start it afresh. */
    private void attachIfNeeded(CopilotClient.Link link) {
        if (attachedGeneration == link.generation()) {
            return;
        }
        try {
            attach(link, true);
        } catch (CopilotException e) {
            if (!(e.getCause() instanceof RpcException rpc) || !rpc.isSessionNotFound()) {
                throw e;
            }
            attach(link, false);
            attachNote = "the server at " + link.server() + " had no record of session " + sessionId
                    + ", so it was created afresh (earlier conversation context is lost)";
            client.log("Copilot: " + attachNote);
        }
    }

    // ---------------------------------------------------------------- turn

    private String send(CopilotClient.Link link, String prompt, TurnOptions options, Duration timeout)
            throws RpcException, IOException {
        ObjectNode p = SessionRequests.send(sessionId, prompt, options);
        Duration requestTimeout = min(timeout, client.options().requestTimeout());
        return link.rpc().call("session.send", p, requestTimeout).path("messageId").asText(null);
    }

    private void awaitTurn(CopilotClient.Link link, TurnTracker turn, long deadline, Duration timeout,
                           Duration inactivity) {
        while (true) {
            long now = System.nanoTime();
            long overallLeft = deadline - now;
            long quietLeft = turn.lastActivityNanos() + inactivity.toNanos() - now;
            if (overallLeft <= 0 || quietLeft <= 0) {
                throw giveUp(link, turn, overallLeft > 0, overallLeft > 0 ? inactivity : timeout);
            }
            try {
                turn.finished().get(Math.min(overallLeft, quietLeft), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                // re-check both clocks: an event may have arrived meanwhile
            } catch (ExecutionException e) {
                return; // never completed exceptionally; outcome() reads the tracker
            } catch (InterruptedException e) {
                abortQuietly(link, turn); // the interrupt flag is clear here, so the abort can be sent
                Thread.currentThread().interrupt();
                throw new TurnAbortedException("Interrupted while waiting for Copilot; the turn was aborted");
            }
        }
    }

    private TurnTimeoutException giveUp(CopilotClient.Link link, TurnTracker turn, boolean inactivity, Duration limit) {
        String pending = describePending(link);
        abortQuietly(link, turn);
        String message = inactivity
                ? "No activity from the Copilot CLI for " + limit.toSeconds() + " s in session " + sessionId
                + " (inactivity watchdog); it was waiting for: " + pending + ". The turn was aborted."
                + " If the model is just slow, raise the inactivity timeout."
                : "The prompt did not finish within " + limit.toSeconds() + " s in session " + sessionId
                + "; pending: " + pending + ". The turn was aborted. Raise the timeout or make the prompt smaller.";
        client.log("Copilot: " + message);
        return new TurnTimeoutException(message, inactivity, limit, pending);
    }

    /** What the server says it is waiting for, plus our own tool handlers still running. */
    private String describePending(CopilotClient.Link link) {
        List<String> items = new ArrayList<>();
        try {
            JsonNode r = link.rpc().call("session.permissions.pendingRequests", idParams(), Duration.ofSeconds(5));
            for (JsonNode item : r.path("items")) {
                items.add("permission request (" + SessionEvent.describePermission(item.path("request")) + ")");
            }
        } catch (RpcException | IOException e) {
            items.add("(pending requests unavailable: " + e.getMessage() + ")");
        }
        answers.runningTools().forEach(t -> items.add("custom tool '" + t + "' still running in this job"));
        return items.isEmpty() ? "nothing (the model or provider did not answer)" : String.join(", ", items);
    }

    /** Aborts {@code turn} on the server (unless that was asked already), then waits (bounded) until it ended. */
    private void settle(TurnTracker turn) {
        if (turn.finished().isDone()) {
            return;
        }
        try {
            if (!turn.abortRequested()) {
                requestAbort(turn);
            }
            turn.finished().get(ABORT_SETTLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            client.log("Copilot: the prompt of session " + sessionId + " had not ended "
                    + ABORT_SETTLE_TIMEOUT.toSeconds() + " s after its abort; deleting the session anyway");
        } catch (CopilotException | ExecutionException e) {
            client.log("Copilot: the prompt of session " + sessionId + " did not end before its deletion: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void abortQuietly(CopilotClient.Link link, TurnTracker turn) {
        try {
            link.rpc().call("session.abort", idParams(), CONTROL_TIMEOUT);
            // Let the abort's session.idle arrive now, so it cannot be taken for the end of the next turn.
            turn.finished().get(ABORT_SETTLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RpcException | IOException | ExecutionException | TimeoutException e) {
            client.log("Copilot: aborting the turn of session " + sessionId + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private TurnResult outcome(TurnTracker turn, long start, String recoveryNote) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (turn.error() != null) {
            var e = turn.error();
            throw new SessionErrorException("Copilot reported an error (" + (e.errorType() == null ? "unknown"
                    : e.errorType()) + (e.statusCode() == null ? "" : ", HTTP " + e.statusCode()) + "): "
                    + e.message().strip(), e.errorType(), e.statusCode());
        }
        if (turn.aborted()) {
            throw new TurnAbortedException("The prompt was aborted before it finished (session " + sessionId + ")");
        }
        return new TurnResult(sessionId, turn.messageId(), turn.finalContent(), turn.usage(), took, recoveryNote);
    }

    private boolean recoverable() {
        return !client.isClosed() && !closed;
    }

    private void lockTurn(long deadline) {
        try {
            if (!turnLock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new TurnTimeoutException("Another prompt of session " + sessionId + " was still running when"
                        + " this one's deadline passed", false, Duration.ZERO, "another prompt");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TurnAbortedException("Interrupted while waiting for the previous prompt of session " + sessionId);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new CopilotException("Session " + sessionId + " is closed (disconnected or deleted)");
        }
    }

    // ---------------------------------------------------------------- events (dispatch thread)

    void onEvent(SessionEvent event, int generation) {
        if (event instanceof PermissionRequested p && !p.resolvedByHook()) {
            answers.permission(p, generation);
        } else if (event instanceof ExternalToolRequested t) {
            answers.tool(t, generation);
        }
        // Listeners first: when sendAndWait returns, they have seen every event that ended the turn (log lines
        // written, session.idle delivered), so a caller reading what they collected finds it complete.
        try {
            for (SessionListener l : listeners) {
                try {
                    l.onEvent(event);
                } catch (RuntimeException ignored) {
                    // one broken listener must not starve the others or the turn
                }
            }
        } finally {
            TurnTracker turn = activeTurn; // even after a listener's Error, the waiting prompt learns its outcome
            if (turn != null) {
                turn.onEvent(event);
            }
        }
    }

    void onConnectionLost(int generation, IOException cause) {
        TurnTracker turn = activeTurn;
        if (turn != null && turn.linkGeneration() == generation) {
            turn.onConnectionLost(cause);
        }
    }

    /** The client is closing: end a waiting prompt at once. */
    void onClientClosing() {
        endActiveTurn("the Copilot client was closed");
    }

    /** A prompt still waiting when this session is closed ends at once (its events will no longer arrive). */
    private void endActiveTurn(String why) {
        TurnTracker turn = activeTurn;
        if (turn != null) {
            turn.onConnectionLost(new IOException(why));
        }
    }

    // ---------------------------------------------------------------- helpers

    void detachQuietly(CopilotClient.Link link) {
        if (closed || link == null || !link.rpc().isOpen() || link.generation() != attachedGeneration) {
            closed = true;
            return;
        }
        closed = true;
        try {
            link.rpc().call("session.detach", idParams(), Duration.ofSeconds(3));
        } catch (RpcException | IOException ignored) {
            // the server keeps the session either way
        }
    }

    void markClosed() {
        closed = true;
        endActiveTurn("session " + sessionId + " was deleted");
    }

    /** Whether this object has been disconnected or deleted. */
    public boolean isClosed() {
        return closed;
    }

    private ObjectNode idParams() {
        return JsonCodec.object().put("sessionId", sessionId);
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }
}
