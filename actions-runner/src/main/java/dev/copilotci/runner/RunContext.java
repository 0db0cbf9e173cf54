package dev.copilotci.runner;

import dev.copilotci.client.text.SecretMasker;
import dev.copilotci.job.JobOutput;
import dev.copilotci.job.SecretEnvironment;
import dev.copilotci.runner.github.GithubEnvironment;
import dev.copilotci.runner.github.GithubToken;
import dev.copilotci.runner.github.PostMode;
import dev.copilotci.runner.github.PullRequestPoster;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One run's world: options, environment (never read from System.getenv in logic, so tests can set it), streams and
 * the masker that every line we print goes through.
 */
record RunContext(RunnerOptions options, Map<String, String> env, PrintStream out, PrintStream err, InputStream in,
                  SecretMasker masker, GithubEnvironment github) {

    /** When this JVM's run began, for the elapsed times of --verbose progress lines. */
    static final long START = System.nanoTime();

    static RunContext create(RunnerOptions options, Map<String, String> env, PrintStream out, PrintStream err,
                             InputStream in) {
        return new RunContext(options, env, out, err, in,
                SecretMasker.of(SecretEnvironment.values(env, options.providerApiKeyEnv())), GithubEnvironment.from(env));
    }

    /** The job layer's output boundary for this run: progress lines cleaned, masked, then framed by {@link #progress}. */
    JobOutput output() {
        return new JobOutput(masker, this::printProgress);
    }

    boolean inGithubActions() {
        return github.githubActions();
    }

    /** Where the agent works and relative paths resolve: --working-directory, else GITHUB_WORKSPACE, else ".". */
    Path workingDirectory() {
        if (options.workingDirectory() != null) {
            return options.workingDirectory().toAbsolutePath();
        }
        return github.workspace() != null ? github.workspace() : Path.of("").toAbsolutePath();
    }

    /** RUNNER_TEMP (emptied after the job, outside the checkout), created if needed; else a new temporary directory. */
    Path temporaryDirectory() throws IOException {
        String temp = env.get("RUNNER_TEMP");
        return temp != null && !temp.isBlank() ? Files.createDirectories(Path.of(temp))
                : Files.createTempDirectory("copilot-runner");
    }

    /** {@code --post} parsed; a bad value is a usage error. */
    PostMode postMode() {
        try {
            return PostMode.parse(options.post());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The pull-request poster for this run: the event, the job's token, 30 s per API request. */
    PullRequestPoster pullRequestPoster() {
        return new PullRequestPoster(github, GithubToken.fromEnvironment(env).orElse(null),
                java.time.Duration.ofSeconds(30));
    }

    /** The same run's streams, environment and masker with other options and event (a review a comment asked for). */
    RunContext with(RunnerOptions otherOptions, GithubEnvironment otherGithub) {
        return new RunContext(otherOptions, env, out, err, in, masker, otherGithub);
    }

    /** A progress line on stderr: cleaned, masked, one line, never interpretable as a workflow command. */
    void progress(String line) {
        output().line(line);
    }

    private void printProgress(String cleanedAndMasked) {
        String safe = neutral(cleanedAndMasked);
        err.println(options.verbose() ? "[copilot +" + (System.nanoTime() - START) / 1_000_000 + " ms] " + safe
                : "[copilot] " + safe);
    }

    /** One line that no CI runner reads as a command ({@code ::name} at the start, {@code ##[} anywhere). */
    static String neutral(String text) {
        String safe = (text == null ? "" : text).replace('\r', ' ').replace('\n', ' ');
        if (safe.stripLeading().startsWith("::") || safe.contains("##[")) {
            safe = "  " + safe.replace("::", ": :").replace("##[", "# #[");
        }
        return safe;
    }

    List<String> secretValues() {
        return SecretEnvironment.values(env, options.providerApiKeyEnv());
    }
}
