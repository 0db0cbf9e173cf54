package dev.copilotci.client;

import java.io.IOException;

/** The peer sent bytes that are not a JSON-RPC frame: usually a wrong URL (an HTTP server, another service). */
final class ProtocolException extends IOException {
    public ProtocolException(String message) {
        super(message);
    }
}
