package dev.copilotci.job;

import dev.copilotci.client.CliEnvironment;
import dev.copilotci.client.CliLaunchOptions;
import dev.copilotci.client.ClientOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotException;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.ProviderConfig;
import dev.copilotci.client.SessionConfig;
import dev.copilotci.client.SystemMessage;
import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnAbortedException;
import dev.copilotci.client.TurnResult;
import java.util.Map;
import java.util.Objects;

/**
 * One CI job's conversation with Copilot, the same for Jenkins and the runner: start-or-connect (a shared server by
 * URL, else our own CLI), one job-scoped session, prompts narrated as they run, answers handed back through the
 * {@link JobOutput} boundary, and on close the session deleted (or kept) and any CLI we started stopped.
 *
 * <p>{@link #start} checks the settings and starts connecting without waiting, so our own CLI boots while the front
 * end reads its inputs; {@link #open()} waits for it. Not for concurrent prompts: a job's prompts run one after
 * the other.
 */
public final class JobSession implements AutoCloseable {
    private final JobSettings settings;
    private final JobOutput out;
    private final SessionConfig config;
    private final CopilotClient client;
    private final Narrator narrator;
    private CopilotSession session;

    private JobSession(JobSettings settings, JobOutput out, SessionConfig config, CopilotClient client,
                       boolean streamAnswer) {
        this.settings = settings;
        this.out = out;
        this.config = config;
        this.client = client;
        this.narrator = new Narrator(out, streamAnswer);
    }

    /**
     * Checks the settings (a mistake is an {@link IllegalArgumentException} naming it, found before any CLI starts),
     * then starts connecting without waiting.
     *
     * @param streamAnswer write the answer into the progress output as it arrives (a build log), or only progress
     */
    public static JobSession start(JobSettings settings, JobOutput out, boolean streamAnswer) {
        SessionConfig config = sessionConfig(settings);
        ClientOptions options = clientOptions(settings).withLog(out::line);
        return new JobSession(settings, out, config, CopilotClient.start(options), streamAnswer);
    }

    /** The session configuration these settings give (also each session of a {@link JobConnection}). */
    public static SessionConfig sessionConfig(JobSettings s) {
        if (s.model() == null || s.model().isBlank()) {
            throw new IllegalArgumentException("No model given");
        }
        Objects.requireNonNull(s.sessionId(), "sessionId");
        ProviderConfig provider = null;
        if (s.provider() != null) {
            // The session id reaches the provider's logs, so a request there can be traced back to its CI job.
            provider = new ProviderConfig(s.provider().type(), s.provider().baseUrl(), s.provider().apiKey(), null,
                    null, Map.of("X-Copilot-CI-Session", s.sessionId()));
        }
        String systemMessage = s.instructions().systemMessage(s.systemMessage());
        return SessionConfig.builder()
                .sessionId(s.sessionId())
                .model(s.model())
                .provider(provider)
                .permissionPolicy(s.permissions())
                // The checkout's instruction files are the pull request's text: the CLI finds them only when the
                // settings say so; otherwise trusted text (e.g. from the base ref) follows our own system message.
                .instructionDiscovery(s.instructions().discovery())
                .systemMessage(systemMessage == null ? null : SystemMessage.append(systemMessage))
                .workingDirectory(s.workingDirectory())
                .turnTimeout(s.turnTimeout())
                .inactivityTimeout(s.inactivityTimeout())
                .streaming(true)
                .clientName(s.clientName())
                // A server takes one way to reach a model: a BYOK provider, or a GitHub token — per session, also for
                // our own CLI, whose environment holds no token (CliEnvironment).
                .gitHubToken(provider != null ? null : blankToNull(s.githubToken()))
                .build();
    }

    /** How these settings reach a server (also a {@link JobConnection}'s). */
    public static ClientOptions clientOptions(JobSettings s) {
        ClientOptions options = transportOptions(s);
        return s.connectTimeout() != null || s.requestTimeout() != null
                ? options.withTimeouts(s.connectTimeout(), s.requestTimeout()) : options;
    }

    private static ClientOptions transportOptions(JobSettings s) {
        if (!s.cliUrls().isEmpty()) {
            return ClientOptions.connectTo(s.cliUrls(), blankToNull(s.connectionToken()));
        }
        if (s.ownCli() instanceof OwnCli.Local local) {
            return ClientOptions.launch(CliLaunchOptions.builder()
                    .cliPath(local.cliPath())
                    .mode(CliLaunchOptions.Mode.STDIO)
                    .inheritEnvironment(false)
                    .environment(CliEnvironment.forCli(local.jobEnv(), local.hiddenNames()))
                    .workingDirectory(local.workingDirectory())
                    .logSink(local.cliLog())
                    .build());
        }
        if (s.ownCli() instanceof OwnCli.OverTransport remote) {
            return ClientOptions.overTransport(remote.opener(), true);
        }
        throw new IllegalStateException("No Copilot CLI to use: give a shared server's URL, or let the job start"
                + " its own CLI");
    }

    /** Waits for the server, then creates (or resumes) the job session; once. */
    public synchronized CopilotSession open() {
        if (session == null) {
            out.line(settings.instructions().note());
            session = settings.resume() ? client.openSession(config) : client.createSession(config);
            session.addListener(narrator);
            out.line("session " + session.id() + " on " + client.server() + " (model " + config.model()
                    + ", permissions " + config.permissionPolicy().cliName() + ")");
        }
        return session;
    }

    /**
     * Runs one prompt (masked: the job's secrets never reach the model) and returns its result with the answer
     * already cleaned and masked, ready for any front end to print, post or return.
     */
    public TurnResult prompt(String prompt, TurnOptions options) {
        CopilotSession s = open();
        String safePrompt = out.toModel(prompt);
        if (!safePrompt.equals(prompt)) {
            out.line("the prompt contained a secret (a token of this job); it was masked");
        }
        int attachments = options.attachments() == null ? 0 : options.attachments().size();
        out.line("prompt sent (" + safePrompt.length() + " chars" + (attachments == 0 ? ""
                : ", " + attachments + " attachment(s)") + "); waiting for the answer");
        TurnBudget.Guard guard = settings.budget().new Guard(this::abort);
        Runnable unguard = settings.budget().limited() ? s.addListener(guard) : () -> { };
        try {
            TurnResult raw;
            try {
                raw = s.sendAndWait(safePrompt, options);
            } catch (TurnAbortedException e) {
                if (guard.exceeded() != null) {
                    throw new TurnAbortedException(guard.exceeded());
                }
                throw e;
            }
            narrator.flush();
            if (raw.recovered()) {
                out.line("recovered: " + raw.recoveryNote());
            }
            out.line("answered in " + raw.duration().toMillis() + " ms (" + raw.usage().modelCalls()
                    + " model call(s), " + raw.usage().totalTokens() + " tokens, model " + raw.usage().model() + ")");
            return new TurnResult(raw.sessionId(), raw.messageId(), out.safe(raw.content()), raw.usage(),
                    raw.duration(), raw.recoveryNote());
        } finally {
            unguard.run();
            narrator.flush();
        }
    }

    /** Aborts the running prompt, if any (the job was stopped). Never throws. */
    public void abort() {
        CopilotSession s;
        synchronized (this) {
            s = session;
        }
        if (s == null) {
            return;
        }
        try {
            s.abort();
        } catch (CopilotException e) {
            out.line("abort: " + e.getMessage());
        }
    }

    public String sessionId() {
        return config.sessionId();
    }

    public JobOutput output() {
        return out;
    }

    /** Deletes the session (or detaches from it when kept), then disconnects and stops a CLI we started. */
    @Override
    public void close() {
        close(settings.keepSession());
    }

    /** As {@link #close()}, deciding at the end whether to keep the session. Never throws; keeps an interrupt. */
    public void close(boolean keepSession) {
        boolean interrupted = Thread.interrupted(); // an aborted build still deletes its session
        CopilotSession s;
        synchronized (this) {
            s = session;
        }
        try {
            if (s != null) {
                if (keepSession) {
                    s.disconnect();
                } else {
                    s.delete();
                }
            }
        } catch (CopilotException e) {
            out.line("could not " + (keepSession ? "detach from" : "delete") + " session " + s.id() + ": "
                    + e.getMessage());
        } finally {
            client.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
