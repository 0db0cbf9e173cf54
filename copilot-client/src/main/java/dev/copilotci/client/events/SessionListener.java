package dev.copilotci.client.events;

/**
 * Receives a session's events in order, on the connection's dispatch thread: return quickly (hand slow work, such as
 * remote log writes, to your own thread), or every later event of the connection waits. For the same reason, do not
 * call the session's {@code sendAndWait}, {@code disconnect}, {@code delete} or the client's {@code close} from here:
 * the prompt they would wait for can only end once this method has returned.
 */
@FunctionalInterface
public interface SessionListener {
    void onEvent(SessionEvent event);
}
