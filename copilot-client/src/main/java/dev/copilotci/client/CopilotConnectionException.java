package dev.copilotci.client;

/** The server could not be reached, or the connection to it ended. */
public class CopilotConnectionException extends CopilotException {
    public CopilotConnectionException(String message) {
        super(message);
    }

    public CopilotConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
