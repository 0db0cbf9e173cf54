package dev.copilotci.runner;

import dev.copilotci.client.PermissionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the command line said, parsed and checked; see {@code help.txt} for the meaning of each. What every
 * command shares (connection, model, session, output) is here; what only one command has is in {@link #specific()}.
 */
record RunnerOptions(
        String command,
        List<String> cliUrls,
        Path cliPath,
        String model,
        String providerType,
        String providerBaseUrl,
        String providerApiKeyEnv,
        String sessionId,
        boolean keepSession,
        Duration timeout,
        Duration inactivityTimeout,
        PermissionPolicy permissions,
        Path workingDirectory,
        String base,
        Path responseFile,
        String post,
        String instructions,
        int maxModelCalls,
        long maxTokens,
        boolean verbose,
        CommandOptions specific) {

    // The options of the command that runs; asking for another command's options is a bug, said by name.
    CommandOptions.Prompt prompt() { return as(CommandOptions.Prompt.class); }
    CommandOptions.Review review() { return as(CommandOptions.Review.class); }
    CommandOptions.ExplainFailure explainFailure() { return as(CommandOptions.ExplainFailure.class); }
    CommandOptions.Health health() { return as(CommandOptions.Health.class); }
    CommandOptions.Sessions sessions() { return as(CommandOptions.Sessions.class); }
    CommandOptions.Bench bench() { return as(CommandOptions.Bench.class); }

    private <T extends CommandOptions> T as(Class<T> type) {
        if (!type.isInstance(specific)) {
            throw new IllegalStateException("`" + command + "` has no " + type.getSimpleName() + " options");
        }
        return type.cast(specific);
    }

    /**
     * These options as the {@code review} of the pull request a comment asked for: diffed from {@code baseSha}
     * (also the ref instruction files are read from), posted as {@code post} says, findings to {@code findingsFile}.
     */
    RunnerOptions forCommentReview(String baseSha, String post, Path findingsFile) {
        return new RunnerOptions("review", cliUrls, cliPath, model, providerType, providerBaseUrl, providerApiKeyEnv,
                sessionId, keepSession, timeout, inactivityTimeout, permissions, workingDirectory, baseSha,
                responseFile, post, instructions, maxModelCalls, maxTokens, verbose,
                new CommandOptions.Review(null, findingsFile, null));
    }

    /** These options turned into the demo's explain-failure run: the offline model, our CLI, the bundled log. */
    RunnerOptions forDemo(Path cli, String demoModel, String modelBaseUrl, Path log) {
        int budget = specific instanceof CommandOptions.ExplainFailure e ? e.maxLogChars()
                : RunnerArguments.DEFAULT_MAX_LOG_CHARS;
        return new RunnerOptions("explain-failure", List.of(), cli, demoModel, "openai", modelBaseUrl, null, null,
                false, timeout, inactivityTimeout, permissions, workingDirectory, null, responseFile, "none", "none",
                maxModelCalls, maxTokens, verbose, new CommandOptions.ExplainFailure(log, budget, null));
    }
}
