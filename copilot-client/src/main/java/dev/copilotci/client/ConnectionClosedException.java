package dev.copilotci.client;

import java.io.IOException;

/** The transport ended (peer exited, socket dropped, client closed) before an answer arrived. */
final class ConnectionClosedException extends IOException {
    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
