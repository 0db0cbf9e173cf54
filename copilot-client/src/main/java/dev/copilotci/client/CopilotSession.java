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
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One conversation on the server. Prompts run one at a time ({@link #sendAndWait}); every permission request and
 * custom-tool call of the session is answered by this object, so a turn never waits for a human. This class is the
 * public face and the event dispatch; {@link TurnRunner} runs each prompt (deadline, watchdog, recovery) and
 * {@link ServerRequestAnswers} answers the server's questions.
 */
public final class CopilotSession implements AutoCloseable {
    /** Deadline of a control request (detach, delete, abort, a server request's answer). */
    static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(10);

    private final CopilotClient client;
    private final SessionConfig config;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final ServerRequestAnswers answers;
    private final TurnRunner turns;
    private volatile String sessionId;
    private volatile int attachedGeneration = -1;
    private volatile boolean closed;
    private volatile String attachNote;

    private CopilotSession(CopilotClient client, SessionConfig config) {
        this.client = client;
        this.config = config;
        this.sessionId = config.sessionId();
        this.turns = new TurnRunner(client, this);
        this.answers = new ServerRequestAnswers(client, config, () -> sessionId, turns::markActivity);
    }

    /** A session created ({@code session.create}) or resumed ({@code session.resume}) on the client's link. */
    static CopilotSession attached(CopilotClient client, SessionConfig config, boolean resume) {
        CopilotSession session = new CopilotSession(client, config);
        session.attach(client.link(), resume);
        return session;
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
        requirePrompt(prompt);
        return turns.run(prompt, options);
    }

    /** Sends without waiting; returns the message id. Events arrive at the listeners. */
    public String send(String prompt, TurnOptions options) {
        requirePrompt(prompt);
        CopilotClient.Link link = attachedLink();
        try {
            return turns.send(link, prompt, options, client.options().requestTimeout());
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
        turns.abort();
    }

    /** The persisted events of the session (ephemeral ones, like deltas and usage, are never stored). */
    public List<SessionEvent> getMessages() {
        JsonNode r = client.call(attachedLink(), "session.getMessages", idParams(), client.options().requestTimeout());
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
        return client.call(method, p);
    }

    /** Detaches from the session; the server keeps it on disk (resume it later by id). */
    public void disconnect() {
        if (closed) {
            return;
        }
        closed = true;
        client.unregister(sessionId, this);
        turns.endActiveTurn("session " + sessionId + " was disconnected");
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
        if (!closed) {
            turns.settle();
        }
        closed = true;
        client.unregister(sessionId, this);
        turns.endActiveTurn("session " + sessionId + " was deleted");
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
    private void attach(CopilotClient.Link link, boolean resume) {
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

    /** The link to use, with this session attached to it (resumed after a reconnect); fails once closed. */
    CopilotClient.Link attachedLink() {
        if (closed) {
            throw new CopilotException("Session " + sessionId + " is closed (disconnected or deleted)");
        }
        CopilotClient.Link link = client.link();
        attachIfNeeded(link);
        return link;
    }

    /** What the last attach had to say (the session was created afresh), once; or {@code null}. */
    String takeAttachNote() {
        String note = attachNote;
        attachNote = null;
        return note;
    }

    /** Names of the job's tools still running (for the watchdog's "what was pending"). */
    Collection<String> runningTools() {
        return answers.runningTools();
    }

    /** The server no longer has the session loaded: the next {@link #attachedLink()} resumes it. */
    void attachAgain() {
        attachedGeneration = -1;
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
            turns.onEvent(event); // even after a listener's Error, the waiting prompt learns its outcome
        }
    }

    void onConnectionLost(int generation, IOException cause) {
        turns.onConnectionLost(generation, cause);
    }

    // ---------------------------------------------------------------- closed by the client

    /** The client is closing: a waiting prompt ends at once, and the session is detached if {@code link} can. */
    void onClientClosing(CopilotClient.Link link) {
        turns.endActiveTurn("the Copilot client was closed");
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
        turns.endActiveTurn("session " + sessionId + " was deleted");
    }

    /** Whether this object has been disconnected or deleted. */
    public boolean isClosed() {
        return closed;
    }

    /** {@code {"sessionId": id}}: the parameters of every request about this session alone. */
    ObjectNode idParams() {
        return JsonCodec.object().put("sessionId", sessionId);
    }

    private static void requirePrompt(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("The prompt is empty: give the model something to do");
        }
    }
}
