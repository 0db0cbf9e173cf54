package dev.copilotci.client;

/** Whether the server is signed in to GitHub; BYOK-only servers report {@code false}, which is fine for BYOK. */
public record AuthStatus(boolean authenticated, String authType, String login, String statusMessage) {
}
