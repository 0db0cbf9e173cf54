package dev.copilotci.client;

/**
 * Anything that went wrong talking to the Copilot CLI. Messages are written for a CI log: what failed and what to do.
 * Subclasses let callers react to specific failures.
 */
public class CopilotException extends RuntimeException {
    public CopilotException(String message) {
        super(message);
    }

    public CopilotException(String message, Throwable cause) {
        super(message, cause);
    }
}
