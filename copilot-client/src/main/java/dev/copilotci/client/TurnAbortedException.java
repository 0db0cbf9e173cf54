package dev.copilotci.client;

/** The turn was aborted (by {@link CopilotSession#abort()} or another client) before it finished. */
public class TurnAbortedException extends CopilotException {
    public TurnAbortedException(String message) {
        super(message);
    }

    public TurnAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
