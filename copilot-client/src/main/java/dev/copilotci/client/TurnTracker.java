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
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final List<AssistantMessage> messages = new ArrayList<>();
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile String messageId;
    private volatile boolean turnStarted;
    private volatile SessionError error;
    private volatile boolean aborted;
    private volatile IOException connectionLost;
    private String model;
    private long inputTokens;
    private long outputTokens;
    private long cacheReadTokens;
    private int modelCalls;
    private long modelMillis;

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
            error = e;
            finished.complete(null); // session.idle follows, but the error already decides the outcome
        } else if (event instanceof SessionIdle idle) {
            // An idle before our turn began belongs to an earlier turn (e.g. the tail of an abort): ignore it.
            if (turnStarted || messageId != null) {
                aborted = idle.aborted();
                finished.complete(null);
            }
        }
    }

    void onConnectionLost(IOException cause) {
        connectionLost = cause;
        finished.complete(null);
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
