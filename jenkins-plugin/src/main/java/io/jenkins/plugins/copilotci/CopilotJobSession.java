package io.jenkins.plugins.copilotci;

import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnResult;
import dev.copilotci.job.JobOutput;
import dev.copilotci.job.JobSession;
import dev.copilotci.job.JobSettings;
import dev.copilotci.job.OwnCli;
import dev.copilotci.job.SessionInstructions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * A live job session as Jenkins holds it: the job layer's {@link JobSession}, the build-log sink its lines go to,
 * and the CLI this session started on the agent (if any). Lives in memory only (a controller restart loses it; the
 * steps then fail clearly).
 */
final class CopilotJobSession implements AutoCloseable {
    private final JobSession job;
    private final CopilotSettings settings;
    private final BuildLogWriter log;
    private final AgentCliLauncher agentCli;
    private final List<String> secrets;

    private CopilotJobSession(JobSession job, CopilotSettings settings, BuildLogWriter log, AgentCliLauncher agentCli,
                              List<String> secrets) {
        this.job = job;
        this.settings = settings;
        this.log = log;
        this.agentCli = agentCli;
        this.secrets = secrets;
    }

    /**
     * Maps Jenkins' settings and credentials onto the job layer and opens the session. Start-or-connect: a
     * configured CLI URL means the shared server there; otherwise the CLI is started on the agent.
     *
     * @param agentCli         how to start the CLI on the agent, or {@code null} outside {@code node}
     * @param workingDirectory the workspace path on the agent, or {@code null}
     * @param instructions     whether the CLI may discover instruction files, and the text that replaces them
     *                         ({@code null}: none)
     */
    static CopilotJobSession open(CopilotSettings settings, CopilotCredentials secrets, String sessionId,
                                  AgentCliLauncher agentCli, String workingDirectory, PrintStream out,
                                  SessionInstructions instructions) {
        BuildLogWriter log = new BuildLogWriter(out);
        JobOutput output = JobOutput.masking(secrets.values(), log::line);
        if (settings.model == null) {
            throw new IllegalArgumentException(Messages.CopilotJobSession_NoModel());
        }
        if (settings.cliUrls.isEmpty() && agentCli == null) {
            throw new IllegalStateException(Messages.CopilotJobSession_NoCli());
        }
        JobSettings jobSettings = JobSettings.builder()
                .sharedServers(settings.cliUrls, secrets.connectionToken)
                .ownCli(agentCli == null ? null : new OwnCli.OverTransport(agentCli))
                .model(settings.model)
                .provider(settings.providerType, settings.providerBaseUrl, secrets.providerApiKey)
                // The credential, else the build's own token; per session, also for the CLI on the agent.
                .githubToken(secrets.githubToken != null || agentCli == null ? secrets.githubToken
                        : agentCli.buildEnvironmentGithubToken())
                .permissions(settings.permissionPolicy())
                .systemMessage(settings.systemMessage)
                .workingDirectory(workingDirectory)
                .timeouts(Duration.ofSeconds(settings.timeoutSeconds), null)
                .clientTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(60))
                .clientName("jenkins-copilot-ci")
                .session(sessionId, true, false)
                .instructions(instructions)
                .build();
        JobSession job = JobSession.start(jobSettings, output, true);
        try {
            job.open();
            return new CopilotJobSession(job, settings, log, agentCli, secrets.values());
        } catch (RuntimeException e) {
            job.close();
            throw e;
        }
    }

    /** The marker of the CLI this session started on the agent, or {@code null} (shared server). */
    String agentCliMarker() {
        return agentCli == null ? null : agentCli.marker();
    }

    String sessionId() {
        return job.sessionId();
    }

    /** The merged settings this session was opened with. */
    CopilotSettings settings() {
        return settings;
    }

    /** The secret values this session masks (for the block's console filter). */
    List<String> secretValues() {
        return secrets;
    }

    /** The output boundary: cleans and masks everything this session prints or records. */
    JobOutput output() {
        return job.output();
    }

    /**
     * Runs one prompt, its progress and answer streaming into {@code stepLog} (the running step's own log). The
     * result's answer is already cleaned and masked.
     */
    TurnResult prompt(String prompt, TurnOptions options, PrintStream stepLog) {
        try (BuildLogWriter.Redirect ignored = log.redirect(stepLog)) {
            return job.prompt(prompt, options);
        }
    }

    /** Aborts the running prompt, if any (the step was stopped). */
    void abort() {
        job.abort();
    }

    /** Deletes (or keeps) the session, disconnects and stops any CLI this session started. Never throws. */
    void close(boolean keepSession) {
        try {
            job.close(keepSession);
        } finally {
            if (agentCli != null) {
                agentCli.cleanUp();
            }
        }
    }

    @Override
    public void close() {
        close(false);
    }
}
