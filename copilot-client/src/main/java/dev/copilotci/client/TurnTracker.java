package dev.copilotci.client;

import dev.copilotci.client.events.AssistantMessage;
import dev.copilotci.client.events.AssistantUsage;
import dev.copilotci.client.events.SessionError;
import dev.copilotci.client.events.SessionEvent;
import dev.copilotci.client.events.SessionIdle;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Collects the events of one turn, from before {@code session.send} is answered (events may overtake the answer)
 * until {@code session.idle}. Fed on the dispatch thread, read by the waiting caller.
 */
final class TurnTracker {
    private final int linkGeneration;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final List<AssistantMessage> messages = new ArrayList<>();
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile String messageId;
    private volatile boolean turnStarted;
    private volatile SessionError error;
    private volatile boolean aborted;
    private volatile IOException connectionLost;
    private volatile boolean abortRequested;
    private String model;
    private long inputTokens;
    private long outputTokens;
    private long cacheReadTokens;
    private int modelCalls;
    private long modelMillis;

    TurnTracker(int linkGeneration) {
        this.linkGeneration = linkGeneration;
    }

    /** The link generation this turn was sent on: only that link's loss concerns it. */
    int linkGeneration() {
        return linkGeneration;
    }

    void onEvent(SessionEvent event) {
        lastActivityNanos = System.nanoTime();
        if (event.type().equals("user.message")) {
            turnStarted = true;
        }
        if (event instanceof AssistantMessage m) {
            synchronized (this) {
                messages.add(m);
            }
        } else if (event instanceof AssistantUsage u) {
            synchronized (this) {
                model = u.model() != null ? u.model() : model;
                inputTokens += u.inputTokens();
                outputTokens += u.outputTokens();
                cacheReadTokens += u.cacheReadTokens();
                modelCalls++;
                modelMillis += u.durationMs();
            }
        } else if (event instanceof SessionError e) {
            // An error before our user.message, not naming our message, belongs to an earlier turn.
            String id = messageId;
            if (turnStarted || (id != null && id.equals(e.originatingMessageId()))) {
                finish(() -> error = e); // session.idle follows, but the error already decides the outcome
            }
        } else if (event instanceof SessionIdle idle) {
            // An idle before our user.message belongs to an earlier turn (e.g. the tail of an abort): ignore it.
            if (turnStarted) {
                finish(() -> aborted = idle.aborted());
            }
        }
    }

    /** Ends the turn as lost, unless it already finished (a finished turn is never re-sent). */
    void onConnectionLost(IOException cause) {
        finish(() -> connectionLost = cause);
    }

    /** The first outcome wins: idle, error or loss, whichever thread reports it. */
    private void finish(Runnable recordOutcome) {
        synchronized (finished) {
            if (!finished.isDone()) {
                recordOutcome.run();
                finished.complete(null);
            }
        }
    }

    void requestAbort() {
        abortRequested = true;
    }

    boolean abortRequested() {
        return abortRequested;
    }

    void markActivity() {
        lastActivityNanos = System.nanoTime();
    }

    void setMessageId(String id) {
        messageId = id;
    }

    String messageId() {
        return messageId;
    }

    CompletableFuture<Void> finished() {
        return finished;
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    SessionError error() {
        return error;
    }

    boolean aborted() {
        return aborted;
    }

    IOException connectionLost() {
        return connectionLost;
    }

    /** The last non-empty assistant text of this turn (matching our message id where the server says which). */
    synchronized String finalContent() {
        String id = messageId;
        boolean anyMatches = id != null && messages.stream().anyMatch(m -> id.equals(m.originatingMessageId()));
        String content = "";
        for (AssistantMessage m : messages) {
            if ((!anyMatches || id.equals(m.originatingMessageId())) && !m.content().isBlank()) {
                content = m.content();
            }
        }
        return content;
    }

    synchronized Usage usage() {
        return new Usage(model, inputTokens, outputTokens, cacheReadTokens, modelCalls, Duration.ofMillis(modelMillis));
    }
}
