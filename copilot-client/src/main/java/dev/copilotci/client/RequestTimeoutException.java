package dev.copilotci.client;

import java.io.IOException;
import java.time.Duration;

/** No answer to a request within its deadline; the connection itself may still be alive. */
final class RequestTimeoutException extends IOException {
    private final String method;
    private final Duration timeout;

    public RequestTimeoutException(String method, Duration timeout, String peer) {
        super("no answer to " + method + " from " + peer + " within " + timeout.toMillis() + " ms");
        this.method = method;
        this.timeout = timeout;
    }

    public String method() {
        return method;
    }

    public Duration timeout() {
        return timeout;
    }
}
