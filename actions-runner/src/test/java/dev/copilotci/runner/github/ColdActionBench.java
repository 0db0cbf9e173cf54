package dev.copilotci.runner.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One cold run of the composite action for benchmarks/run.py (the "cold action" row of BENCHMARKS.md): a release-ref
 * copy of the action with the bundled jar, an empty tool cache, and the whole action run through
 * {@link CompositeActionHarness} as a GitHub-hosted runner runs it, so its install step fetches the pinned CLI from
 * the npm registry with the action's own install script. Only {@code run(...)} is timed: copying the action and
 * parsing action.yml are the runner's business, not the action's. Prints one JSON line: total and per-step
 * milliseconds, and the answer.
 *
 * <p>The environment (npm_config_cache, XDG_CACHE_HOME, the offline model's COPILOT_* variables) is the caller's, so
 * benchmarks/run.py gives both sides of the comparison the same, fresh caches.
 *
 * <pre>java -cp actions-runner/target/test-classes:actions-runner/target/copilot-runner.jar \
 *     dev.copilotci.runner.github.ColdActionBench ACTION_DIR VALIDATION_DIR JAR WORK_DIR PROMPT MODEL PROVIDER_BASE_URL
 * </pre>
 * ACTION_DIR is the actions-runner directory whose action.yml and scripts are run (another commit's, for an A/B);
 * VALIDATION_DIR the one with the YAML parser (actions-runner/src/test/validation, its node_modules installed).
 */
final class ColdActionBench {

    private ColdActionBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: ColdActionBench ACTION_DIR VALIDATION_DIR JAR WORK_DIR PROMPT MODEL "
                    + "PROVIDER_BASE_URL");
            System.exit(2);
        }
        Path actionDir = Path.of(args[0]).toAbsolutePath().normalize();
        Path work = Files.createDirectories(Path.of(args[3]));
        Path action = CompositeActionHarness.copyAction(actionDir, work.resolve("repo"), Path.of(args[2]));
        Path workspace = Files.createDirectories(work.resolve("workspace"));
        Path runnerTemp = Files.createDirectories(work.resolve("runner-temp"));
        JsonNode parsed = CompositeActionHarness.parse(Path.of(args[1]), action.resolve("action.yml"));

        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("RUNNER_TOOL_CACHE", work.resolve("tool-cache").toString()); // empty: the cold path
        env.put("RUNNER_ENVIRONMENT", "github-hosted"); // one job per machine: no class-data archive is written
        CompositeActionHarness harness = new CompositeActionHarness(action, workspace, runnerTemp, env,
                "ghs_bench_job_token", parsed);
        Map<String, String> inputs = Map.of("prompt", args[4], "model", args[5], "provider-base-url", args[6],
                "timeout", "120");

        long start = System.nanoTime();
        CompositeActionHarness.Result result = harness.run(inputs);
        long ms = (System.nanoTime() - start) / 1_000_000;

        ObjectMapper json = new ObjectMapper();
        ObjectNode line = json.createObjectNode().put("success", result.success()).put("ms", ms);
        ObjectNode steps = line.putObject("steps_ms");
        for (CompositeActionHarness.StepRun step : result.steps()) {
            steps.put(step.id(), step.took().toMillis());
        }
        line.put("response", result.outputs().getOrDefault("response", ""));
        if (!result.success()) {
            StringBuilder log = new StringBuilder();
            result.steps().forEach(s -> log.append(s.id()).append(" exit=").append(s.exitCode()).append('\n')
                    .append(s.stdout()).append(s.stderr()));
            line.put("log", log.toString());
        }
        System.out.println(json.writeValueAsString(line));
        System.exit(result.success() ? 0 : 1);
    }
}
