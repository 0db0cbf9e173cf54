package dev.copilotci.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a session is created (or resumed) with. Build with {@link #builder()}; {@link #toString()} hides secrets.
 *
 * @param sessionId         {@code [A-Za-z0-9_-]}, at most 128 chars; {@code null} lets the server pick a UUID
 * @param workingDirectory  the agent's working directory on the server's machine ({@code null}: the server's own)
 * @param turnTimeout       default overall deadline of a prompt
 * @param inactivityTimeout default watchdog limit: no server event for this long fails the prompt
 * @param gitHubToken       a GitHub token for this session (a shared server, or a CLI we start: its environment
 *                          holds none); never logged
 * @param instructionDiscovery whether the CLI may put instruction files it finds in the working directory
 *                          ({@code AGENTS.md}, {@code .github/copilot-instructions.md}, ...) into the system prompt.
 *                          Off for anything that reviews a checkout it does not trust: those files are the pull
 *                          request's text. Default on (the CLI's own behaviour).
 */
public record SessionConfig(String sessionId, String model, ProviderConfig provider, SystemMessage systemMessage,
                            List<String> availableTools, List<String> excludedTools, String workingDirectory,
                            boolean streaming, PermissionPolicy permissionPolicy, List<ToolDefinition> tools,
                            String clientName, Duration turnTimeout, Duration inactivityTimeout, String gitHubToken,
                            boolean instructionDiscovery) {

    public static final Duration DEFAULT_TURN_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofMinutes(3);
    public static final int MAX_SESSION_ID_LENGTH = 128;

    public SessionConfig {
        if (sessionId != null) {
            requireValidSessionId(sessionId);
        }
        if (provider != null && gitHubToken != null) {
            throw new IllegalArgumentException("A session uses either a BYOK provider or a GitHub token, not both"
                    + " (the Copilot CLI rejects the combination)");
        }
        availableTools = availableTools == null ? null : List.copyOf(availableTools);
        excludedTools = List.copyOf(excludedTools == null ? List.of() : excludedTools);
        tools = List.copyOf(tools == null ? List.of() : tools);
        permissionPolicy = permissionPolicy == null ? PermissionPolicy.DENY : permissionPolicy;
        clientName = clientName == null ? "copilot-ci" : clientName;
        turnTimeout = positive(turnTimeout, DEFAULT_TURN_TIMEOUT, "turnTimeout");
        inactivityTimeout = positive(inactivityTimeout, DEFAULT_INACTIVITY_TIMEOUT, "inactivityTimeout");
    }

    private static Duration positive(Duration d, Duration fallback, String name) {
        if (d == null) {
            return fallback;
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }

    /** The server accepts only letters, digits, '-' and '_' (the id becomes a directory name). */
    public static void requireValidSessionId(String id) {
        if (id.isEmpty() || id.length() > MAX_SESSION_ID_LENGTH || !id.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("Invalid session id '" + id + "': use 1-" + MAX_SESSION_ID_LENGTH
                    + " letters, digits, '-' or '_' (see JobSessionIds to derive one from a CI job)");
        }
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.sessionId = sessionId;
        b.model = model;
        b.provider = provider;
        b.systemMessage = systemMessage;
        b.availableTools = availableTools == null ? null : new ArrayList<>(availableTools);
        b.excludedTools = new ArrayList<>(excludedTools);
        b.workingDirectory = workingDirectory;
        b.streaming = streaming;
        b.permissionPolicy = permissionPolicy;
        b.tools = new ArrayList<>(tools);
        b.clientName = clientName;
        b.turnTimeout = turnTimeout;
        b.inactivityTimeout = inactivityTimeout;
        b.gitHubToken = gitHubToken;
        b.instructionDiscovery = instructionDiscovery;
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "SessionConfig[sessionId=" + sessionId + ", model=" + model + ", provider=" + provider
                + ", permissionPolicy=" + permissionPolicy + ", streaming=" + streaming + ", tools="
                + tools.stream().map(ToolDefinition::name).toList() + ", workingDirectory=" + workingDirectory
                + ", turnTimeout=" + turnTimeout + ", inactivityTimeout=" + inactivityTimeout
                + ", gitHubToken=" + (gitHubToken == null ? "none" : "****")
                + ", instructionDiscovery=" + instructionDiscovery + "]";
    }

    public static final class Builder {
        private String sessionId;
        private String model;
        private ProviderConfig provider;
        private SystemMessage systemMessage;
        private List<String> availableTools;
        private List<String> excludedTools = new ArrayList<>();
        private String workingDirectory;
        private boolean streaming = true;
        private PermissionPolicy permissionPolicy = PermissionPolicy.DENY;
        private List<ToolDefinition> tools = new ArrayList<>();
        private String clientName;
        private Duration turnTimeout;
        private Duration inactivityTimeout;
        private String gitHubToken;
        private boolean instructionDiscovery = true;

        public Builder sessionId(String v) {
            sessionId = v;
            return this;
        }

        public Builder model(String v) {
            model = v;
            return this;
        }

        public Builder provider(ProviderConfig v) {
            provider = v;
            return this;
        }

        public Builder systemMessage(SystemMessage v) {
            systemMessage = v;
            return this;
        }

        public Builder availableTools(List<String> v) {
            availableTools = v == null ? null : new ArrayList<>(v);
            return this;
        }

        public Builder excludedTools(List<String> v) {
            excludedTools = new ArrayList<>(v);
            return this;
        }

        public Builder workingDirectory(String v) {
            workingDirectory = v;
            return this;
        }

        public Builder streaming(boolean v) {
            streaming = v;
            return this;
        }

        public Builder permissionPolicy(PermissionPolicy v) {
            permissionPolicy = v;
            return this;
        }

        public Builder tool(ToolDefinition v) {
            tools.add(v);
            return this;
        }

        public Builder clientName(String v) {
            clientName = v;
            return this;
        }

        public Builder turnTimeout(Duration v) {
            turnTimeout = v;
            return this;
        }

        public Builder inactivityTimeout(Duration v) {
            inactivityTimeout = v;
            return this;
        }

        public Builder gitHubToken(String v) {
            gitHubToken = v;
            return this;
        }

        public Builder instructionDiscovery(boolean v) {
            instructionDiscovery = v;
            return this;
        }

        public SessionConfig build() {
            return new SessionConfig(sessionId, model, provider, systemMessage, availableTools, excludedTools,
                    workingDirectory, streaming, permissionPolicy, tools, clientName, turnTimeout, inactivityTimeout,
                    gitHubToken, instructionDiscovery);
        }
    }
}
