package dev.copilotci.runner.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a composite action's steps locally the way the GitHub runner does: each step gets its own env: (expressions
 * evaluated), its own $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY files, $GITHUB_ACTION_PATH, the working directory,
 * and {@code bash --noprofile --norc -eo pipefail} on a file holding the run: body; if: conditions and the action's
 * outputs are evaluated from the step outputs. Nested {@code uses:} steps are answered by handlers.
 *
 * <p>Only the expression forms the action uses are supported ({@code inputs.x}, {@code steps.s.outputs.o},
 * {@code github.token}, {@code github.workspace}, {@code a || b}, {@code x == 'lit'}, {@code always()}); anything
 * else fails loudly so the harness cannot silently diverge from the runner.
 */
final class CompositeActionHarness {

    /** The action under test: {@code action.dir} (the actions-runner module), as Maven passes it. */
    static Path actionDir() {
        return Path.of(System.getProperty("action.dir", ".")).toAbsolutePath().normalize();
    }

    /** What one step did, and how long its process took (zero for a skipped step or a {@code uses:} handler). */
    record StepRun(String id, String name, boolean ran, int exitCode, Map<String, String> outputs, String stdout,
            String stderr, String summary, Duration took) {
    }

    /** What the whole action did. */
    record Result(List<StepRun> steps, Map<String, String> outputs, boolean success) {
        String stdout() {
            StringBuilder sb = new StringBuilder();
            steps.forEach(s -> sb.append(s.stdout()));
            return sb.toString();
        }

        String summaries() {
            StringBuilder sb = new StringBuilder();
            steps.forEach(s -> sb.append(s.summary()));
            return sb.toString();
        }

        StepRun step(String id) {
            return steps.stream().filter(s -> id.equals(s.id())).findFirst().orElseThrow();
        }

        /** Every step's id, whether it ran, its exit code and its output: for assertion messages. */
        String describe() {
            StringBuilder sb = new StringBuilder();
            for (StepRun s : steps) {
                sb.append(s.id()).append(" ran=").append(s.ran()).append(" exit=").append(s.exitCode())
                        .append("\n").append(s.stdout()).append(s.stderr()).append('\n');
            }
            return sb.toString();
        }
    }

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);

    private final Path actionDir;
    private final Path workspace;
    private final Path runnerTemp;
    private final Map<String, String> baseEnv;
    private final String githubToken;
    private final Map<String, Function<Map<String, String>, Map<String, String>>> usesHandlers = new HashMap<>();
    private final JsonNode action;

    CompositeActionHarness(Path actionDir, Path workspace, Path runnerTemp, Map<String, String> baseEnv,
            String githubToken, JsonNode parsedAction) {
        this.actionDir = actionDir;
        this.workspace = workspace;
        this.runnerTemp = runnerTemp;
        this.baseEnv = baseEnv;
        this.githubToken = githubToken;
        this.action = parsedAction;
    }

    /**
     * Copies what a release ref of the action holds into {@code <repo>/actions-runner}: action.yml, its scripts, the
     * CLI lockfile, and the runner jar (bundled, as at a release tag). Returns the copy's action directory.
     */
    static Path copyAction(Path actionDir, Path repo, Path jar) throws IOException {
        Path copy = Files.createDirectories(repo.resolve("actions-runner/scripts")).getParent();
        Files.copy(actionDir.resolve("action.yml"), copy.resolve("action.yml"));
        try (Stream<Path> scripts = Files.list(actionDir.resolve("scripts"))) {
            for (Path s : scripts.toList()) {
                Files.copy(s, copy.resolve("scripts").resolve(s.getFileName()));
            }
        }
        Files.createDirectories(copy.resolve("cli"));
        for (String lock : List.of("package.json", "package-lock.json")) {
            Files.copy(actionDir.resolve("cli").resolve(lock), copy.resolve("cli").resolve(lock));
        }
        Files.copy(jar, copy.resolve("copilot-runner.jar"));
        return copy;
    }

    /** Parses action.yml with the validation tooling's YAML parser (node). */
    static JsonNode parse(Path validationDir, Path actionYml) throws Exception {
        ProcessRun run = ProcessRun.run(List.of("node", "validate-action.mjs", actionYml.toString()), validationDir,
                Map.of(), true, Duration.ofSeconds(60));
        if (run.exitCode() != 0) {
            throw new IllegalStateException(run.stderr());
        }
        return new ObjectMapper().readTree(run.stdout()).get("action");
    }

    /** Answers {@code uses: owner/name@ref} steps whose owner/name is {@code action}: with: values in, outputs out. */
    CompositeActionHarness onUses(String actionName, Function<Map<String, String>, Map<String, String>> handler) {
        usesHandlers.put(actionName, handler);
        return this;
    }

    Result run(Map<String, String> inputs) throws Exception {
        Map<String, String> resolvedInputs = new HashMap<>();
        Map<String, Map<String, String>> stepOutputs = new HashMap<>();
        Context ctx = new Context(resolvedInputs, stepOutputs);
        action.path("inputs").fields().forEachRemaining(e -> {
            String given = inputs.get(e.getKey());
            resolvedInputs.put(e.getKey(), given != null ? given : ctx.interpolate(e.getValue().path("default")
                    .asText("")));
        });
        for (String name : inputs.keySet()) {
            if (!resolvedInputs.containsKey(name)) {
                throw new IllegalArgumentException("the action has no input " + name);
            }
        }
        List<StepRun> runs = new ArrayList<>();
        boolean success = true;
        int index = 0;
        for (JsonNode step : action.path("runs").path("steps")) {
            String id = step.path("id").asText("step" + index);
            String name = step.path("name").asText(id);
            index++;
            boolean shouldRun = step.has("if") ? ctx.condition(step.get("if").asText(), success) : success;
            if (!shouldRun) {
                runs.add(new StepRun(id, name, false, 0, Map.of(), "", "", "", Duration.ZERO));
                stepOutputs.put(id, Map.of());
                continue;
            }
            StepRun result = step.has("uses") ? runUses(step, id, name, ctx) : runScript(step, id, name, ctx);
            runs.add(result);
            stepOutputs.put(id, result.outputs());
            if (result.exitCode() != 0) {
                success = false;
            }
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        action.path("outputs").fields().forEachRemaining(e ->
                outputs.put(e.getKey(), ctx.interpolate(e.getValue().path("value").asText(""))));
        return new Result(runs, outputs, success);
    }

    private StepRun runUses(JsonNode step, String id, String name, Context ctx) {
        String uses = step.get("uses").asText();
        String actionName = uses.contains("@") ? uses.substring(0, uses.indexOf('@')) : uses;
        Function<Map<String, String>, Map<String, String>> handler = usesHandlers.get(actionName);
        if (handler == null) {
            throw new IllegalStateException("step " + id + " uses " + uses + " and the test gave no handler");
        }
        Map<String, String> with = new HashMap<>();
        step.path("with").fields().forEachRemaining(e -> with.put(e.getKey(), ctx.interpolate(e.getValue().asText())));
        return new StepRun(id, name, true, 0, handler.apply(with), "", "", "", Duration.ZERO);
    }

    private StepRun runScript(JsonNode step, String id, String name, Context ctx) throws Exception {
        if (!"bash".equals(step.path("shell").asText())) {
            throw new IllegalStateException("only shell: bash is supported, step " + id);
        }
        Path stepDir = Files.createTempDirectory(runnerTemp.getParent(), "step-" + id + "-");
        Path output = Files.createFile(stepDir.resolve("output"));
        Path summary = Files.createFile(stepDir.resolve("summary"));
        Path script = stepDir.resolve("script.sh");
        Files.writeString(script, step.get("run").asText());
        Map<String, String> env = new HashMap<>(baseEnv);
        env.put("GITHUB_ACTIONS", "true");
        env.put("CI", "true");
        env.put("GITHUB_ACTION_PATH", actionDir.toString());
        env.put("GITHUB_WORKSPACE", workspace.toString());
        env.put("RUNNER_TEMP", runnerTemp.toString());
        env.put("GITHUB_OUTPUT", output.toString());
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        step.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), ctx.interpolate(e.getValue().asText())));
        Path cwd = step.has("working-directory")
                ? workspace.resolve(ctx.interpolate(step.get("working-directory").asText())) : workspace;
        long start = System.nanoTime();
        ProcessRun run = ProcessRun.run(List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString()),
                cwd, env, false, STEP_TIMEOUT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Map<String, String> outputs = RunnerSimulator.outputs(Files.readString(output, StandardCharsets.UTF_8));
        return new StepRun(id, name, true, run.exitCode(), outputs, run.stdout(), run.stderr(),
                Files.readString(summary, StandardCharsets.UTF_8), took);
    }

    /** Expression context: inputs, step outputs, and the few github.* values the action reads. */
    private final class Context {
        private final Map<String, String> inputs;
        private final Map<String, Map<String, String>> steps;

        Context(Map<String, String> inputs, Map<String, Map<String, String>> steps) {
            this.inputs = inputs;
            this.steps = steps;
        }

        String interpolate(String template) {
            Matcher m = EXPRESSION.matcher(template);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(evaluate(m.group(1).strip())));
            }
            m.appendTail(sb);
            return sb.toString();
        }

        boolean condition(String expression, boolean success) {
            String e = expression.strip();
            if (e.startsWith("${{") && e.endsWith("}}")) {
                e = e.substring(3, e.length() - 2).strip();
            }
            if (e.equals("always()")) {
                return true;
            }
            if (!success) {
                return false;
            }
            Matcher eq = Pattern.compile("(.+?)\\s*==\\s*'([^']*)'").matcher(e);
            if (eq.matches()) {
                return evaluate(eq.group(1).strip()).equalsIgnoreCase(eq.group(2));
            }
            return !evaluate(e).isEmpty();
        }

        String evaluate(String expression) {
            if (expression.contains("||")) {
                for (String part : expression.split("\\|\\|")) {
                    String v = evaluate(part.strip());
                    if (!v.isEmpty()) {
                        return v;
                    }
                }
                return "";
            }
            if (expression.startsWith("inputs.")) {
                String name = expression.substring("inputs.".length());
                if (!inputs.containsKey(name)) {
                    throw new IllegalStateException("unknown input in expression: " + expression);
                }
                return inputs.get(name);
            }
            Matcher step = Pattern.compile("steps\\.([A-Za-z0-9_-]+)\\.outputs\\.([A-Za-z0-9_-]+)").matcher(expression);
            if (step.matches()) {
                return steps.getOrDefault(step.group(1), Map.of()).getOrDefault(step.group(2), "");
            }
            return switch (expression) {
                case "github.token" -> githubToken;
                case "github.workspace" -> workspace.toString();
                default -> throw new IllegalStateException("unsupported expression: " + expression);
            };
        }
    }
}
