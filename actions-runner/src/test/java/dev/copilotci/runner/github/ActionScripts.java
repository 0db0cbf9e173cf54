package dev.copilotci.runner.github;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The action's step scripts, run the way the composite action runs them: {@code bash scripts/<name>} with the
 * runner's GITHUB_OUTPUT, GITHUB_ACTION_PATH and RUNNER_TEMP, which live in a test's temporary directory.
 */
record ActionScripts(Path actionDir, Path runnerTemp, Path outputFile) {
    static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    /** The action under test, with an empty runner temp and GITHUB_OUTPUT file under {@code tmp}. */
    static ActionScripts in(Path tmp) throws IOException {
        return new ActionScripts(CompositeActionHarness.actionDir(),
                Files.createDirectories(tmp.resolve("runner-temp")), Files.createFile(tmp.resolve("github-output")));
    }

    /** The runner's variables, then {@code env} (which wins). */
    Map<String, String> env(Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("GITHUB_OUTPUT", outputFile.toString());
        all.put("GITHUB_ACTION_PATH", actionDir.toString());
        all.put("RUNNER_TEMP", runnerTemp.toString());
        all.putAll(env);
        return all;
    }

    /** Runs {@code scripts/<name>} in {@code cwd} with {@link #env}, within {@link #SCRIPT_TIMEOUT}. */
    ProcessRun run(String name, Map<String, String> env, Path cwd) throws Exception {
        return ProcessRun.run(List.of("bash", actionDir.resolve("scripts/" + name).toString()), cwd, env(env), false,
                SCRIPT_TIMEOUT);
    }

    /** What the scripts wrote to GITHUB_OUTPUT. */
    Map<String, String> outputs() throws IOException {
        return RunnerSimulator.outputs(Files.readString(outputFile));
    }
}
