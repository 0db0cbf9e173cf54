package dev.copilotci.client;

/** The server reported {@code session.error} for the turn: provider unreachable, authentication failed, … */
public class SessionErrorException extends CopilotException {
    private final String errorType;
    private final Integer statusCode;

    public SessionErrorException(String message, String errorType, Integer statusCode) {
        super(message);
        this.errorType = errorType;
        this.statusCode = statusCode;
    }

    /** The server's category: "query", "authentication", … */
    public String errorType() {
        return errorType;
    }

    /** The provider's HTTP status, when there was one. */
    public Integer statusCode() {
        return statusCode;
    }
}
