package dev.copilotci.client;

import java.time.Duration;

/** Result of {@link CopilotClient#healthCheck()}: what a "Test connection" button shows. */
public record HealthReport(String server, ServerStatus status, AuthStatus auth, Duration pingLatency) {
    /** One line for humans: "Connected to 127.0.0.1:4401: Copilot CLI 1.0.102 (protocol 3), ping 2 ms, …". */
    public String summary() {
        return "Connected to " + server + ": Copilot CLI " + status.version() + " (protocol " + status.protocolVersion()
                + "), ping " + pingLatency.toMillis() + " ms, "
                + (auth.authenticated() ? "signed in to GitHub" + (auth.login() == null ? "" : " as " + auth.login())
                : "not signed in to GitHub (fine with a BYOK provider)");
    }
}
