package dev.copilotci.client;

/** Well-known JSON-RPC error codes, including the Copilot CLI's handshake codes. */
final class RpcError {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INTERNAL_ERROR = -32603;
    /** Any method before {@code connect} on a server that has a connection token. */
    public static final int AUTHENTICATION_REQUIRED = -32001;
    /** {@code connect} with a missing or wrong token. */
    public static final int AUTHENTICATION_FAILED = -32002;
    /** {@code connect} with a token on a server that has none. */
    public static final int AUTHENTICATION_NOT_CONFIGURED = -32003;

    private RpcError() {
    }
}
