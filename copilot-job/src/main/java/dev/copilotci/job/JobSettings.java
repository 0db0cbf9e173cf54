package dev.copilotci.job;

import dev.copilotci.client.PermissionPolicy;
import java.time.Duration;
import java.util.List;

/**
 * What a front end decided for one job session, from its own inputs (Jenkins: step parameters over the global
 * configuration and credentials; the runner: flags and environment). The job layer turns it into start-or-connect
 * and a session configuration; front ends never build those themselves. {@link #toString()} hides secrets.
 *
 * @param cliUrls           shared servers to connect to, in failover order; empty: start our own CLI
 * @param connectionToken   the shared servers' connection token, or {@code null}
 * @param ownCli            how to start our own CLI when there is no URL, or {@code null} (then a URL is required)
 * @param provider          a bring-your-own-key model provider, or {@code null}
 * @param githubToken       a GitHub token sent per session to a shared server (never to our own CLI's environment)
 * @param sessionId         the id to create or resume
 * @param resume            the id may exist already (kept from an earlier step): resume it if so
 * @param keepSession       leave the session on the server at the end (detach) instead of deleting it
 * @param instructions      repository instructions: may the CLI discover them, and what text replaces them;
 *                          {@code null}: none, discovery off
 * @param budget            how much one prompt may spend ({@code null}: unlimited)
 */
public record JobSettings(List<String> cliUrls, String connectionToken, OwnCli ownCli, String model,
                          Provider provider, String githubToken, PermissionPolicy permissions, String systemMessage,
                          String workingDirectory, Duration turnTimeout, Duration inactivityTimeout,
                          Duration connectTimeout, Duration requestTimeout, String clientName, String sessionId,
                          boolean resume, boolean keepSession, SessionInstructions instructions,
                          TurnBudget budget) {

    /** A BYOK provider; the key travels only in {@code session.create}, never in a process environment. */
    public record Provider(String type, String baseUrl, String apiKey) {
        @Override
        public String toString() {
            return "Provider[type=" + type + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "****")
                    + "]";
        }
    }

    public JobSettings {
        cliUrls = List.copyOf(cliUrls == null ? List.of() : cliUrls);
        permissions = permissions == null ? PermissionPolicy.DENY : permissions;
        instructions = instructions == null ? SessionInstructions.resolve(Instructions.NONE, null, null) : instructions;
        budget = budget == null ? TurnBudget.UNLIMITED : budget;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "JobSettings[cliUrls=" + cliUrls + ", model=" + model + ", provider=" + provider + ", permissions="
                + permissions.cliName() + ", sessionId=" + sessionId + ", connectionToken="
                + (connectionToken == null ? "none" : "****") + ", githubToken=" + (githubToken == null ? "none" : "****")
                + "]";
    }

    /** Builds settings field by field (most are optional). */
    public static final class Builder {
        private List<String> cliUrls = List.of();
        private String connectionToken;
        private OwnCli ownCli;
        private String model;
        private Provider provider;
        private String githubToken;
        private PermissionPolicy permissions;
        private String systemMessage;
        private String workingDirectory;
        private Duration turnTimeout;
        private Duration inactivityTimeout;
        private Duration connectTimeout;
        private Duration requestTimeout;
        private String clientName;
        private String sessionId;
        private boolean resume;
        private boolean keepSession;
        private SessionInstructions instructions;
        private TurnBudget budget;

        private Builder() {
        }

        public Builder sharedServers(List<String> urls, String token) {
            this.cliUrls = urls;
            this.connectionToken = token;
            return this;
        }

        public Builder ownCli(OwnCli v) {
            this.ownCli = v;
            return this;
        }

        public Builder model(String v) {
            this.model = v;
            return this;
        }

        /** A BYOK provider, or none when {@code baseUrl} is {@code null}. */
        public Builder provider(String type, String baseUrl, String apiKey) {
            this.provider = baseUrl == null ? null : new Provider(type, baseUrl, apiKey);
            return this;
        }

        public Builder githubToken(String v) {
            this.githubToken = v;
            return this;
        }

        public Builder permissions(PermissionPolicy v) {
            this.permissions = v;
            return this;
        }

        public Builder systemMessage(String v) {
            this.systemMessage = v;
            return this;
        }

        public Builder workingDirectory(String v) {
            this.workingDirectory = v;
            return this;
        }

        public Builder timeouts(Duration turn, Duration inactivity) {
            this.turnTimeout = turn;
            this.inactivityTimeout = inactivity;
            return this;
        }

        public Builder clientTimeouts(Duration connect, Duration request) {
            this.connectTimeout = connect;
            this.requestTimeout = request;
            return this;
        }

        public Builder clientName(String v) {
            this.clientName = v;
            return this;
        }

        /** The session's id; {@code resume}: it may exist from an earlier step; {@code keep}: do not delete it. */
        public Builder session(String id, boolean resume, boolean keep) {
            this.sessionId = id;
            this.resume = resume;
            this.keepSession = keep;
            return this;
        }

        public Builder instructions(SessionInstructions v) {
            this.instructions = v;
            return this;
        }

        public Builder budget(TurnBudget v) {
            this.budget = v;
            return this;
        }

        public JobSettings build() {
            return new JobSettings(cliUrls, connectionToken, ownCli, model, provider, githubToken, permissions,
                    systemMessage, workingDirectory, turnTimeout, inactivityTimeout, connectTimeout, requestTimeout,
                    clientName, sessionId, resume, keepSession, instructions, budget);
        }
    }
}
