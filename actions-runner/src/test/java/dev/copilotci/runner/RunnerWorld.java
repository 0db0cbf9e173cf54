package dev.copilotci.runner;

import dev.copilotci.offline.OfflineCliEnvironment;
import dev.copilotci.offline.PinnedCopilotCli;
import dev.copilotci.offline.ScriptedModelProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real CLI (offline) + a scripted model, and a way to run the runner in-process with a chosen environment.
 * Public for the end-to-end tests of the GitHub layer.
 */
public final class RunnerWorld implements AutoCloseable {
    public final ScriptedModelProvider provider = ScriptedModelProvider.start();
    public final OfflineCliEnvironment offline = OfflineCliEnvironment.create(provider);
    public final String cliPath = PinnedCopilotCli.locate().executable().toString();

    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** The environment a CI step would have: PATH plus the offline CLI settings, plus {@code extra}. */
    public Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(offline.env());
        env.put("PATH", System.getenv("PATH"));
        env.putAll(extra);
        return env;
    }

    /** Common flags for a launched CLI against the scripted model. */
    public List<String> modelArgs() {
        return List.of("--cli-path", cliPath, "--model", offline.model(), "--provider-base-url", provider.baseUrl());
    }

    public Result run(Map<String, String> env, String stdin, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CopilotRunner(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).run(args.toArray(String[]::new));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static List<String> concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }

    @Override
    public void close() {
        provider.close();
        offline.close();
    }
}
