package dev.copilotci.runner;

import dev.copilotci.offline.OfflineCliEnvironment;
import dev.copilotci.offline.PinnedCopilotCli;
import dev.copilotci.offline.RecordedRequest;
import dev.copilotci.offline.ScriptedModelProvider;
import dev.copilotci.offline.ScriptedResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code demo}: the whole explain-failure flow, offline, on a bundled failed-build log: the REAL Copilot CLI (from
 * --cli-path, COPILOT_CLI_PATH or this checkout's tools/copilot-cli) and the real engine, with a small demo model on
 * loopback standing in for Copilot (its answers are canned: it names the first failing line it is shown).
 */
final class DemoCommand {
    static final String DEMO_MODEL = "demo-model";

    private DemoCommand() {
    }

    static int run(RunContext ctx) throws IOException {
        Path cli = ctx.options().cliPath();
        if (cli == null) {
            try {
                cli = PinnedCopilotCli.locate().executable();
            } catch (IllegalStateException e) {
                throw new UsageException("The demo needs the Copilot CLI: build this repository first (mvn package"
                        + " -DskipTests installs it into tools/copilot-cli), or pass --cli-path / set COPILOT_CLI_PATH");
            }
        }
        Path log = Files.createTempFile("copilot-demo-", ".log");
        try (ScriptedModelProvider model = ScriptedModelProvider.start(DEMO_MODEL);
             OfflineCliEnvironment offline = OfflineCliEnvironment.builder(model).model(DEMO_MODEL).build();
             InputStream sample = DemoCommand.class.getResourceAsStream("demo/failed-build.txt")) {
            if (sample == null) {
                throw new IllegalStateException("the demo's sample log is missing from the jar: rebuild it");
            }
            Files.copy(sample, log, StandardCopyOption.REPLACE_EXISTING);
            model.respondWith(DemoCommand::answer);
            ctx.progress("demo: offline demo model at " + model.baseUrl() + " (canned answers, no Copilot account"
                    + " needed); real Copilot CLI " + cli);
            Map<String, String> env = new HashMap<>(ctx.env());
            env.keySet().removeIf(OfflineCliEnvironment::isStripped);
            env.putAll(offline.env());
            RunnerOptions demo = ctx.options().forDemo(cli, DEMO_MODEL, model.baseUrl(), log);
            return ExplainFailureCommand.run(RunContext.create(demo, env, ctx.out(), ctx.err(), ctx.in()));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The demo model: finds the first failing line in the prompt and writes a short cause/fix answer about it. */
    static ScriptedResponse answer(RecordedRequest request) {
        String prompt = request.lastUserPrompt();
        String failing = null;
        for (String marker : new String[] {"expected:", "ERROR", "FAILURE"}) { // most specific first
            failing = prompt.lines().filter(l -> l.contains(marker)).findFirst().orElse(null);
            if (failing != null) {
                break;
            }
        }
        failing = failing == null ? "(no failing line found)" : failing.strip();
        return ScriptedResponse.text("### Cause\nThe build failed at this line of the log:\n\n    " + failing
                + "\n\n### Fix\nOpen the failing test or file named there, compare the expected and actual values,"
                + " and correct the code (or the expectation) that disagrees.\n\n"
                + "_(Answered by the offline demo model: configure a real model with --model and a Copilot token"
                + " or --provider-base-url.)_");
    }
}
