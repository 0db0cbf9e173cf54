package dev.copilotci.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.copilotci.client.events.SessionEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the prompts of one session, one at a time: sends, waits for the end under the overall deadline and the
 * inactivity watchdog, recovers once (resume and re-send) from a lost connection or an unloaded session, and aborts
 * what it gives up on. {@link CopilotSession} is the public face; this is the turn it delegates to.
 */
final class TurnRunner {
    /** How long we wait for an aborted prompt's end (its session.idle) before going on. */
    private static final Duration ABORT_SETTLE_TIMEOUT = Duration.ofSeconds(5);

    private final CopilotClient client;
    private final CopilotSession session;
    private final ReentrantLock turnLock = new ReentrantLock();
    private volatile TurnTracker activeTurn;

    TurnRunner(CopilotClient client, CopilotSession session) {
        this.client = client;
        this.session = session;
    }

    /** See {@link CopilotSession#sendAndWait(String, TurnOptions)}. */
    TurnResult run(String prompt, TurnOptions options) {
        SessionConfig config = session.config();
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
                CopilotClient.Link link = session.attachedLink();
                recoveryNote = join(recoveryNote, session.takeAttachNote());
                TurnTracker turn = new TurnTracker(link.generation());
                activeTurn = turn;
                try {
                    String messageId;
                    try {
                        messageId = send(link, prompt, options, remaining(deadline));
                    } catch (RpcException e) {
                        if (e.isSessionNotFound() && !resent) {
                            resent = true;
                            session.attachAgain();
                            recoveryNote = join(recoveryNote, "the server no longer had session " + session.id()
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
                        if (!recoverable() || turn.abortRequested()) {
                            throw new TurnAbortedException("The prompt was stopped: " + lost.getMessage()
                                    + " while it ran (session " + session.id() + ")");
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

    /** {@code session.send} on {@code link}, waiting at most {@code timeout} for its answer; returns the message id. */
    String send(CopilotClient.Link link, String prompt, TurnOptions options, Duration timeout)
            throws RpcException, IOException {
        ObjectNode p = SessionRequests.send(session.id(), prompt, options);
        Duration requestTimeout = min(timeout, client.options().requestTimeout());
        return link.rpc().call("session.send", p, requestTimeout).path("messageId").asText(null);
    }

    /** See {@link CopilotSession#abort()}. */
    void abort() {
        TurnTracker turn = activeTurn;
        if (turn != null) {
            requestAbort(turn);
        }
    }

    /**
     * Aborts the running prompt, if any (unless that was asked already), then waits (bounded) until it ended: a turn
     * still winding down on the server would write its last events after a delete and bring the session back.
     */
    void settle() {
        TurnTracker turn = activeTurn;
        if (turn == null || turn.finished().isDone()) {
            return;
        }
        try {
            if (!turn.abortRequested()) {
                requestAbort(turn);
            }
            turn.finished().get(ABORT_SETTLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            client.log("Copilot: the prompt of session " + session.id() + " had not ended "
                    + ABORT_SETTLE_TIMEOUT.toSeconds() + " s after its abort; deleting the session anyway");
        } catch (CopilotException | ExecutionException e) {
            client.log("Copilot: the prompt of session " + session.id() + " did not end before its deletion: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- fed on the dispatch thread

    /** Every event of the session, after its listeners: the running turn learns of its progress and end. */
    void onEvent(SessionEvent event) {
        TurnTracker turn = activeTurn;
        if (turn != null) {
            turn.onEvent(event);
        }
    }

    /** Our own work (a tool) made progress: it counts as activity for the watchdog. */
    void markActivity() {
        TurnTracker turn = activeTurn;
        if (turn != null) {
            turn.markActivity();
        }
    }

    void onConnectionLost(int generation, IOException cause) {
        TurnTracker turn = activeTurn;
        if (turn != null && turn.linkGeneration() == generation) {
            turn.onConnectionLost(cause);
        }
    }

    /** A prompt still waiting ends at once (its session was closed: its events will no longer arrive). */
    void endActiveTurn(String why) {
        TurnTracker turn = activeTurn;
        if (turn != null) {
            turn.onConnectionLost(new IOException(why));
        }
    }

    // ---------------------------------------------------------------- the turn

    /**
     * Marks {@code turn} aborted and tells the server, on the link it was sent on. A prompt still being sent is
     * aborted by {@link #run} once the send is answered.
     */
    private void requestAbort(TurnTracker turn) {
        turn.requestAbort();
        CopilotClient.Link link = client.currentLink();
        if (turn.messageId() != null && link != null && link.generation() == turn.linkGeneration()) {
            client.call(link, "session.abort", session.idParams(), CopilotSession.CONTROL_TIMEOUT);
        }
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
                ? "No activity from the Copilot CLI for " + limit.toSeconds() + " s in session " + session.id()
                + " (inactivity watchdog); it was waiting for: " + pending + ". The turn was aborted."
                + " If the model is just slow, raise the inactivity timeout."
                : "The prompt did not finish within " + limit.toSeconds() + " s in session " + session.id()
                + "; pending: " + pending + ". The turn was aborted. Raise the timeout or make the prompt smaller.";
        client.log("Copilot: " + message);
        return new TurnTimeoutException(message, inactivity, limit, pending);
    }

    /** What the server says it is waiting for, plus our own tool handlers still running. */
    private String describePending(CopilotClient.Link link) {
        List<String> items = new ArrayList<>();
        try {
            JsonNode r = link.rpc().call("session.permissions.pendingRequests", session.idParams(), Duration.ofSeconds(5));
            for (JsonNode item : r.path("items")) {
                items.add("permission request (" + SessionEvent.describePermission(item.path("request")) + ")");
            }
        } catch (RpcException | IOException e) {
            items.add("(pending requests unavailable: " + e.getMessage() + ")");
        }
        session.runningTools().forEach(t -> items.add("custom tool '" + t + "' still running in this job"));
        return items.isEmpty() ? "nothing (the model or provider did not answer)" : String.join(", ", items);
    }

    private void abortQuietly(CopilotClient.Link link, TurnTracker turn) {
        try {
            link.rpc().call("session.abort", session.idParams(), CopilotSession.CONTROL_TIMEOUT);
            // Let the abort's session.idle arrive now, so it cannot be taken for the end of the next turn.
            turn.finished().get(ABORT_SETTLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RpcException | IOException | ExecutionException | TimeoutException e) {
            client.log("Copilot: aborting the turn of session " + session.id() + " failed: " + e.getMessage());
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
            throw new TurnAbortedException("The prompt was aborted before it finished (session " + session.id()
                    + ")");
        }
        return new TurnResult(session.id(), turn.messageId(), turn.finalContent(), turn.usage(), took, recoveryNote);
    }

    /** A lost connection is worth a reconnect only while both the client and the session are open. */
    private boolean recoverable() {
        return !client.isClosed() && !session.isClosed();
    }

    private void lockTurn(long deadline) {
        try {
            if (!turnLock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new TurnTimeoutException("Another prompt of session " + session.id() + " was still running"
                        + " when this one's deadline passed", false, Duration.ZERO, "another prompt");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TurnAbortedException("Interrupted while waiting for the previous prompt of session "
                    + session.id());
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }
}
