package dev.copilotci.client;

/** The server speaks a protocol version this client does not support. */
public class ProtocolVersionException extends CopilotException {
    public ProtocolVersionException(String message) {
        super(message);
    }

    public ProtocolVersionException(String message, Throwable cause) {
        super(message, cause);
    }
}
