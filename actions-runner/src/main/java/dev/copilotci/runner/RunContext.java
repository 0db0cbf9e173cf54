package dev.copilotci.runner;

import dev.copilotci.client.text.SecretMasker;
import dev.copilotci.runner.github.GithubEnvironment;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** Environment variables whose values are secrets wherever they appear. */
    static final List<String> SECRET_ENV = List.of("COPILOT_CONNECTION_TOKEN", "GITHUB_TOKEN", "GH_TOKEN",
            "COPILOT_GITHUB_TOKEN", "COPILOT_PROVIDER_API_KEY", "COPILOT_PROVIDER_BEARER_TOKEN");

    static RunContext create(RunnerOptions options, Map<String, String> env, PrintStream out, PrintStream err,
                             InputStream in) {
        List<String> secrets = new ArrayList<>();
        SECRET_ENV.forEach(name -> secrets.add(env.get(name)));
        if (options.providerApiKeyEnv() != null) {
            secrets.add(env.get(options.providerApiKeyEnv()));
        }
        return new RunContext(options, env, out, err, in, SecretMasker.of(secrets), GithubEnvironment.from(env));
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

    /** A progress line on stderr: masked, one line, never interpretable as a workflow command. */
    void progress(String line) {
        String safe = neutral(masker.mask(line));
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
        List<String> values = new ArrayList<>();
        SECRET_ENV.forEach(name -> {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                values.add(v);
            }
        });
        if (options.providerApiKeyEnv() != null && env.get(options.providerApiKeyEnv()) != null) {
            values.add(env.get(options.providerApiKeyEnv()));
        }
        return values;
    }
}
