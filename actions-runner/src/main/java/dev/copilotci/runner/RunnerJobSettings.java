package dev.copilotci.runner;

import dev.copilotci.client.CliEnvironment;
import dev.copilotci.client.CliUrl;
import dev.copilotci.job.Instructions;
import dev.copilotci.job.JobSessionIds;
import dev.copilotci.job.JobSettings;
import dev.copilotci.job.LocalGit;
import dev.copilotci.job.OwnCli;
import dev.copilotci.job.SessionInstructions;
import dev.copilotci.job.TurnBudget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The runner's flags and environment mapped onto the job layer's settings: with --cli-url a shared server (token from
 * env COPILOT_CONNECTION_TOKEN), else our own CLI over stdio. Every mistake is a {@link UsageException}, found before
 * a CLI starts.
 */
final class RunnerJobSettings {
    private RunnerJobSettings() {
    }

    static JobSettings of(RunContext ctx) {
        RunnerOptions o = ctx.options();
        Map<String, String> env = ctx.env();
        if (o.model() == null || o.model().isBlank()) {
            throw new UsageException("--model is required (e.g. --model gpt-4.1, or the model your provider serves)");
        }
        for (String url : o.cliUrls()) {
            try {
                CliUrl.parse(url);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--cli-url: " + e.getMessage());
            }
        }
        String key = null;
        if (o.providerBaseUrl() != null && o.providerApiKeyEnv() != null) {
            key = env.get(o.providerApiKeyEnv());
            if (key == null || key.isBlank()) {
                throw new UsageException("--provider-api-key-env names " + o.providerApiKeyEnv()
                        + ", but that environment variable is empty: set it to the provider's API key");
            }
        }
        // An explicit --session-id means the caller wants to come back to it (resume, keep); a derived one is ours.
        boolean given = o.sessionId() != null;
        String sessionId;
        try {
            sessionId = given ? JobSessionIds.requireValid(o.sessionId()) : defaultSessionId(env);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--session-id: " + e.getMessage());
        }
        Set<String> hidden = new HashSet<>();
        if (o.providerApiKeyEnv() != null) {
            hidden.add(o.providerApiKeyEnv()); // the key travels in session.create only
        }
        Instructions mode = instructionsMode(o);
        Path cli = o.cliPath();
        String cliFromEnv = env.get("COPILOT_CLI_PATH");
        if (cli == null && cliFromEnv != null && !cliFromEnv.isBlank()) {
            cli = Path.of(cliFromEnv);
        }
        return JobSettings.builder()
                .sharedServers(o.cliUrls(), env.get("COPILOT_CONNECTION_TOKEN"))
                .ownCli(new OwnCli.Local(cli, env, hidden, ctx.workingDirectory(),
                        o.verbose() ? line -> ctx.progress("cli: " + line) : line -> { }))
                .model(o.model())
                .provider(o.providerType(), o.providerBaseUrl(), key)
                // Our own CLI: the token the CLI itself would pick; a shared server: only the one named for Copilot.
                .githubToken(o.cliUrls().isEmpty() ? CliEnvironment.githubToken(env) : env.get("COPILOT_GITHUB_TOKEN"))
                .permissions(o.permissions())
                .workingDirectory(ctx.workingDirectory().toString())
                .timeouts(o.timeout(), o.inactivityTimeout())
                .clientName("copilot-runner")
                .session(sessionId, given || o.keepSession(), given || o.keepSession())
                .instructions(instructions(ctx, mode))
                .budget(new TurnBudget(o.maxModelCalls(), o.maxTokens(), "--max-model-calls", "--max-tokens"))
                .build();
    }

    /**
     * --instructions, else: prompt trusts the checkout (workspace); review and explain-failure judge it, so they read
     * the instruction files from the base ref (none when no base is known).
     */
    static Instructions instructionsMode(RunnerOptions o) {
        if (o.instructions() != null) {
            try {
                return Instructions.parse(o.instructions());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--instructions: " + e.getMessage());
            }
        }
        return o.command().equals("prompt") ? Instructions.WORKSPACE : Instructions.BASE;
    }

    /** The base ref: --base, else the pull request's target branch in a workflow (origin/$GITHUB_BASE_REF). */
    private static SessionInstructions instructions(RunContext ctx, Instructions mode) {
        String base = ctx.options().base();
        String target = ctx.env().get("GITHUB_BASE_REF");
        if (base == null && target != null && !target.isBlank()) {
            base = "origin/" + target.strip();
        }
        return SessionInstructions.resolve(mode, base, new LocalGit(ctx.workingDirectory(), Duration.ofSeconds(60)));
    }

    /**
     * In a workflow: repository/workflow/job + run id + attempt, plus an unguessable part — matrix legs share all
     * the rest and may share a server, and no job may guess (and resume) another's session. Whoever continues a kept
     * session later in the job passes the {@code session-id} output on.
     */
    static String defaultSessionId(Map<String, String> env) {
        String runId = env.get("GITHUB_RUN_ID");
        if (runId != null && !runId.isBlank()) {
            String job = env.getOrDefault("GITHUB_REPOSITORY", "") + "/" + env.getOrDefault("GITHUB_WORKFLOW", "")
                    + "/" + env.getOrDefault("GITHUB_JOB", "");
            return JobSessionIds.forJobUnguessable(job, runId, parseOr(env.get("GITHUB_RUN_ATTEMPT"), 1));
        }
        return JobSessionIds.forJobUnguessable("copilot-runner", "local", 1);
    }

    private static int parseOr(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
