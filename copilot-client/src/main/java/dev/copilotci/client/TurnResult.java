package dev.copilotci.client;

import java.time.Duration;

/**
 * The outcome of one prompt.
 *
 * @param content      the final assistant text (the last non-empty assistant message of the turn)
 * @param duration     wall time of the turn as this client saw it
 * @param recoveryNote {@code null}, or what was recovered and how (e.g. "the connection dropped mid-turn; resumed
 *                     the session and sent the prompt again") so the caller can say so in its log
 */
public record TurnResult(String sessionId, String messageId, String content, Usage usage, Duration duration,
                         String recoveryNote) {
    public boolean recovered() {
        return recoveryNote != null;
    }
}
