package dev.copilotci.client;

/** An error answer from the peer: the JSON-RPC {@code code} and {@code message} as sent. */
final class RpcException extends Exception {
    private final String method;
    private final int code;
    private final String serverMessage;

    public RpcException(String method, int code, String serverMessage) {
        super(method + " failed (" + code + "): " + serverMessage);
        this.method = method;
        this.code = code;
        this.serverMessage = serverMessage;
    }

    public String method() {
        return method;
    }

    public int code() {
        return code;
    }

    public String serverMessage() {
        return serverMessage;
    }

    /** The CLI reports a session it has not loaded (idle cleanup, reconnect, never created) this way. */
    public boolean isSessionNotFound() {
        return serverMessage != null && serverMessage.contains("Session not found");
    }
}
