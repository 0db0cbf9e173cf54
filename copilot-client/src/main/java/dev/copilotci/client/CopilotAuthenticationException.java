package dev.copilotci.client;

/** The server refused our connection token (or wanted one we did not have): the message names the fix. */
public class CopilotAuthenticationException extends CopilotException {
    public CopilotAuthenticationException(String message) {
        super(message);
    }

    public CopilotAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
