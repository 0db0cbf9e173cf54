package io.jenkins.plugins.copilotci;

import dev.copilotci.client.ClientOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotException;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.ProviderConfig;
import dev.copilotci.client.SystemMessage;
import dev.copilotci.client.SessionConfig;
import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnResult;
import dev.copilotci.client.text.SecretMasker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * A live job-scoped session: the engine client, its session and the secrets to mask. Lives in memory only (a
 * controller restart loses it; the steps then fail clearly). Start-or-connect: a configured CLI URL means the shared
 * server there; otherwise the CLI is started on the agent through the given opener.
 */
final class CopilotJobSession implements AutoCloseable {
    private final CopilotClient client;
    private final CopilotSession session;
    private final SecretMasker masker;
    private final BuildLogWriter log;
    private final AgentCliLauncher agentCli;

    private CopilotJobSession(CopilotClient client, CopilotSession session, SecretMasker masker, BuildLogWriter log,
                              AgentCliLauncher agentCli) {
        this.client = client;
        this.session = session;
        this.masker = masker;
        this.log = log;
        this.agentCli = agentCli;
        session.addListener(log); // once: prompts of one session run one after the other
    }

    /**
     * @param agentCli        how to start the CLI on the agent, or {@code null} outside {@code node}
     * @param workingDirectory the workspace path on the agent, or {@code null}
     */
    static CopilotJobSession open(CopilotSettings settings, CopilotCredentials secrets, String sessionId,
                                  AgentCliLauncher agentCli, String workingDirectory, PrintStream out) {
        SecretMasker masker = SecretMasker.of(secrets.values());
        BuildLogWriter log = new BuildLogWriter(out, masker);
        if (settings.model == null) {
            throw new IllegalArgumentException("No model: pass model: 'gpt-4.1' (or your provider's model) to the"
                    + " step, or set a default model in Manage Jenkins → System → Copilot");
        }
        ClientOptions options;
        if (!settings.cliUrls.isEmpty()) {
            options = ClientOptions.connectTo(settings.cliUrls, secrets.connectionToken);
        } else if (agentCli != null) {
            options = ClientOptions.overTransport(agentCli, true);
        } else {
            throw new IllegalStateException("No Copilot CLI to use: set a CLI URL (cliUrl: 'host:port', or Manage"
                    + " Jenkins → System → Copilot), or call the step inside node { } so the CLI starts on the agent");
        }
        options = options.withLog(log::line)
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(60));
        CopilotClient client = CopilotClient.connect(options);
        try {
            ProviderConfig provider = settings.providerBaseUrl == null ? null
                    : new ProviderConfig(settings.providerType, settings.providerBaseUrl, secrets.providerApiKey,
                    null, null, Map.of("X-Copilot-CI-Session", sessionId));
            SessionConfig config = SessionConfig.builder()
                    .sessionId(sessionId)
                    .model(settings.model)
                    .provider(provider)
                    .permissionPolicy(settings.permissionPolicy())
                    .systemMessage(settings.systemMessage == null ? null : SystemMessage.append(settings.systemMessage))
                    .workingDirectory(workingDirectory)
                    .turnTimeout(Duration.ofSeconds(settings.timeoutSeconds))
                    .streaming(true)
                    .clientName("jenkins-copilot-ci")
                    // The server takes one way to reach a model: a BYOK provider, or a GitHub token — per session, also
                    // for the CLI on the agent, whose environment holds no token.
                    .gitHubToken(provider != null ? null : secrets.githubToken != null || agentCli == null
                            ? secrets.githubToken : agentCli.buildEnvironmentGithubToken())
                    .build();
            CopilotSession session = client.openSession(config);
            log.line("session " + session.id() + " on " + client.server() + " (model " + settings.model
                    + ", permissions " + config.permissionPolicy().cliName() + ")");
            return new CopilotJobSession(client, session, masker, log, agentCli);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The marker of the CLI this session started on the agent, or {@code null} (shared server). */
    String agentCliMarker() {
        return agentCli == null ? null : agentCli.marker();
    }

    String sessionId() {
        return session.id();
    }

    SecretMasker masker() {
        return masker;
    }

    BuildLogWriter log() {
        return log;
    }

    /** Runs one prompt, streaming the answer into the build log. */
    TurnResult prompt(String prompt, TurnOptions options) {
        try {
            TurnResult result = session.sendAndWait(prompt, options);
            log.flush();
            if (result.recovered()) {
                log.line("recovered: " + result.recoveryNote());
            }
            log.line("answered in " + result.duration().toMillis() + " ms (" + result.usage().totalTokens()
                    + " tokens, model " + result.usage().model() + ")");
            return result;
        } finally {
            log.flush();
        }
    }

    /** Aborts the running prompt, if any (the step was stopped). */
    void abort() {
        try {
            session.abort();
        } catch (CopilotException e) {
            log.line("abort: " + e.getMessage());
        }
    }

    /** Deletes (or keeps) the session, disconnects and stops any CLI this session started. Never throws. */
    void close(boolean keepSession) {
        boolean interrupted = Thread.interrupted(); // an aborted build still deletes its session
        try {
            if (keepSession) {
                session.disconnect();
            } else {
                session.delete();
            }
        } catch (CopilotException e) {
            log.line("closing session " + session.id() + ": " + e.getMessage());
        } finally {
            client.close();
            if (agentCli != null) {
                agentCli.cleanUp();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        close(false);
    }
}
