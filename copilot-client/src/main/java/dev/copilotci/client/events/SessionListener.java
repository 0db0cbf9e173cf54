package dev.copilotci.client.events;

/**
 * Receives a session's events in order, on the connection's dispatch thread: return quickly (hand slow work, such as
 * remote log writes, to your own thread), or every later event of the connection waits.
 */
@FunctionalInterface
public interface SessionListener {
    void onEvent(SessionEvent event);
}
