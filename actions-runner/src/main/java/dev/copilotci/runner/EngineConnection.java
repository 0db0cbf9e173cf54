package dev.copilotci.runner;

import dev.copilotci.client.CliEnvironment;
import dev.copilotci.client.CliLaunchOptions;
import dev.copilotci.client.ClientOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotException;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.ProviderConfig;
import dev.copilotci.client.SessionConfig;
import dev.copilotci.job.JobSessionIds;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Start-or-connect, then one job-scoped session: with --cli-url, a shared server (token from env
 * COPILOT_CONNECTION_TOKEN); without, a CLI we start over stdio and stop at the end. Started before the
 * command reads its inputs, so our own CLI boots while a log is selected or a prompt file read.
 */
final class EngineConnection implements AutoCloseable {
    private final RunContext ctx;
    private final CopilotClient client;
    private CopilotSession session;
    private boolean deleteAtEnd;

    private EngineConnection(RunContext ctx, CopilotClient client) {
        this.ctx = ctx;
        this.client = client;
    }

    /** Checks every option, then starts connecting (our own CLI starts booting now) without waiting for it. */
    static EngineConnection start(RunContext ctx) {
        RunnerOptions o = ctx.options();
        if (o.model() == null || o.model().isBlank()) {
            throw new UsageException("--model is required (e.g. --model gpt-4.1, or the model your provider serves)");
        }
        sessionConfig(ctx, o.sessionId()); // every mistake in the options is found before a CLI starts
        return new EngineConnection(ctx, CopilotClient.start(clientOptions(ctx)));
    }

    /** Waits for the server, then creates (or resumes) the job session; once. */
    CopilotSession openSession() {
        if (session != null) {
            return session;
        }
        RunnerOptions o = ctx.options();
        if (o.verbose()) {
            ctx.progress("connected to " + client.server());
        }
        // A derived id whose session is deleted at the end never pre-exists: create it without asking first.
        // A kept or given id may exist from an earlier step of the job: resume it then.
        boolean fresh = o.sessionId() == null && !o.keepSession();
        String sessionId = o.sessionId() != null ? o.sessionId() : defaultSessionId(ctx.env(), o.keepSession());
        SessionConfig config = sessionConfig(ctx, sessionId);
        session = fresh ? client.createSession(config) : client.openSession(config);
        // An explicit --session-id means the caller wants to come back to it; a derived one is ours to remove.
        deleteAtEnd = fresh;
        ctx.progress("session " + session.id() + " on " + client.server());
        return session;
    }

    static ClientOptions clientOptions(RunContext ctx) {
        RunnerOptions o = ctx.options();
        ClientOptions options;
        if (!o.cliUrls().isEmpty()) {
            try {
                options = ClientOptions.connectTo(o.cliUrls(), ctx.env().get("COPILOT_CONNECTION_TOKEN"));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--cli-url: " + e.getMessage());
            }
        } else {
            Path cli = o.cliPath();
            if (cli == null && ctx.env().get("COPILOT_CLI_PATH") != null && !ctx.env().get("COPILOT_CLI_PATH").isBlank()) {
                cli = Path.of(ctx.env().get("COPILOT_CLI_PATH"));
            }
            CliLaunchOptions.Builder launch = CliLaunchOptions.builder()
                    .cliPath(cli)
                    // stdio: no connection token in the CLI's environment for the model's shell to read.
                    .mode(CliLaunchOptions.Mode.STDIO)
                    // Only what the CLI needs: the model's tools must not see the job's tokens.
                    .inheritEnvironment(false)
                    .environment(CliEnvironment.forCli(ctx.env(),
                            o.providerApiKeyEnv() == null ? List.of() : List.of(o.providerApiKeyEnv())))
                    .workingDirectory(ctx.workingDirectory())
                    .logSink(o.verbose() ? line -> ctx.progress("cli: " + line) : line -> { });
            options = ClientOptions.launch(launch.build());
        }
        return options.withLog(ctx::progress);
    }

    static SessionConfig sessionConfig(RunContext ctx, String sessionId) {
        try {
            return buildSessionConfig(ctx, sessionId);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static SessionConfig buildSessionConfig(RunContext ctx, String sessionId) {
        RunnerOptions o = ctx.options();
        ProviderConfig provider = null;
        if (o.providerBaseUrl() != null) {
            String key = null;
            if (o.providerApiKeyEnv() != null) {
                key = ctx.env().get(o.providerApiKeyEnv());
                if (key == null || key.isBlank()) {
                    throw new UsageException("--provider-api-key-env names " + o.providerApiKeyEnv()
                            + ", but that environment variable is empty: set it to the provider's API key");
                }
            }
            provider = new ProviderConfig(o.providerType(), o.providerBaseUrl(), key, null, null, Map.of());
        }
        return SessionConfig.builder()
                .sessionId(sessionId)
                .model(o.model())
                .provider(provider)
                .permissionPolicy(o.permissions())
                .workingDirectory(ctx.workingDirectory().toString())
                .turnTimeout(o.timeout())
                .inactivityTimeout(o.inactivityTimeout())
                .streaming(true)
                .clientName("copilot-runner")
                // The server takes one way to reach a model: a BYOK provider, or a GitHub token — per session, also
                // for our own CLI, whose environment holds no token.
                .gitHubToken(provider != null ? null : o.cliUrls().isEmpty() ? CliEnvironment.githubToken(ctx.env())
                        : ctx.env().get("COPILOT_GITHUB_TOKEN"))
                .build();
    }

    /**
     * In a workflow: repository/workflow/job + run id + attempt. A session deleted at the end also gets a random
     * part, because matrix legs share all of those and may share a server; a kept one stays predictable.
     */
    static String defaultSessionId(Map<String, String> env, boolean keep) {
        String runId = env.get("GITHUB_RUN_ID");
        if (runId != null && !runId.isBlank()) {
            String job = env.getOrDefault("GITHUB_REPOSITORY", "") + "/" + env.getOrDefault("GITHUB_WORKFLOW", "")
                    + "/" + env.getOrDefault("GITHUB_JOB", "") + (keep ? "" : "/" + UUID.randomUUID());
            int attempt = parseOr(env.get("GITHUB_RUN_ATTEMPT"), 1);
            return JobSessionIds.forJob(job, runId, attempt);
        }
        return "copilot-runner-" + UUID.randomUUID();
    }

    private static int parseOr(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Deletes or keeps the session as decided at open, then closes (stopping a CLI we started). */
    @Override
    public void close() {
        if (session == null) {
            client.close();
            return;
        }
        try {
            if (ctx.options().verbose()) {
                ctx.progress("closing session " + session.id());
            }
            if (deleteAtEnd) {
                session.delete();
            } else {
                session.disconnect();
            }
        } catch (CopilotException e) {
            ctx.progress("could not " + (deleteAtEnd ? "delete" : "detach") + " session " + session.id() + ": "
                    + e.getMessage());
        } finally {
            client.close();
            if (ctx.options().verbose()) {
                ctx.progress("closed");
            }
        }
    }
}
