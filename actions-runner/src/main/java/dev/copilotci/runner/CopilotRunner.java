package dev.copilotci.runner;

import dev.copilotci.client.CopilotException;
import dev.copilotci.runner.github.TriggerGate;
import dev.copilotci.runner.github.WorkflowCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code java -jar copilot-runner.jar <command> ...}: the GitHub Action's engine, usable from any CI shell.
 * Exit codes: 0 success, 1 Copilot or I/O failure, 2 wrong usage, 3 review findings at or above {@code --fail-on}.
 * Every failure is one line on stderr saying what failed and what to do.
 */
public final class CopilotRunner {
    /** The commands that do Copilot work on the event's behalf; {@link TriggerGate} decides whether they may. */
    private static final Set<String> GATED_COMMANDS = Set.of("prompt", "review", "explain-failure", "comment");

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    public CopilotRunner(Map<String, String> env, PrintStream out, PrintStream err, InputStream in) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static void main(String[] args) {
        // A CLI we start gets a random connection token, and SecureRandom's first use costs ~10 ms: pay it on the
        // second core while the arguments are parsed (measured: one-shot runs ~1.5% faster).
        Thread seeding = new Thread(UUID::randomUUID, "copilot-seed-random");
        seeding.setDaemon(true);
        seeding.start();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = new CopilotRunner(System.getenv(), out, err, System.in).run(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public int run(String[] args) {
        RunContext ctx = null;
        try {
            RunnerOptions options = RunnerArguments.parse(args);
            if (options.command().equals("help")) {
                out.print(helpText());
                return 0;
            }
            ctx = RunContext.create(options, env, out, err, in);
            if (ctx.inGithubActions()) {
                WorkflowCommands commands = new WorkflowCommands(out);
                ctx.secretValues().forEach(commands::addMask);
                if (GATED_COMMANDS.contains(options.command())) {
                    TriggerGate.Decision gate = new TriggerGate(ctx.github(), env, ctx.workingDirectory()).decide();
                    if (gate.verdict() != TriggerGate.Verdict.RUN) {
                        boolean skip = gate.verdict() == TriggerGate.Verdict.SKIP;
                        if (skip) {
                            commands.notice(gate.message());
                        } else {
                            commands.error(gate.message());
                        }
                        err.println("copilot-runner: " + RunContext.neutral(gate.message()));
                        return skip ? 0 : 1;
                    }
                }
            }
            return switch (options.command()) {
                case "prompt" -> PromptCommand.run(ctx);
                case "review" -> ReviewCommand.run(ctx);
                case "explain-failure" -> ExplainFailureCommand.run(ctx);
                case "comment" -> CommentCommand.run(ctx);
                case "bench" -> BenchCommand.run(ctx);
                case "health" -> ServerCommands.health(ctx);
                case "sessions" -> ServerCommands.sessions(ctx);
                case "demo" -> DemoCommand.run(ctx);
                default -> throw new UsageException("Unknown command " + options.command());
            };
        } catch (UsageException e) {
            String message = mask(ctx, e.getMessage());
            err.println("copilot-runner: " + message + (message.contains("--help") ? "" : " (see --help)"));
            return 2;
        } catch (CopilotException e) {
            err.println("copilot-runner: " + mask(ctx, e.getMessage()));
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("copilot-runner: I/O error: " + mask(ctx, e.getMessage()));
            return 1;
        } catch (Exception e) {
            StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            err.println("copilot-runner: unexpected " + e.getClass().getSimpleName() + ": " + mask(ctx, e.getMessage())
                    + (where == null ? "" : " (at " + where + ")") + ". Please report this.");
            return 1;
        }
    }

    /** Error text may quote the server or the model: cleaned, masked, one line, never a workflow command. */
    private String mask(RunContext ctx, String message) {
        String m = message == null ? "" : message;
        return RunContext.neutral(ctx == null ? m : ctx.output().safe(m));
    }

    static String helpText() {
        try (InputStream help = CopilotRunner.class.getResourceAsStream("help.txt")) {
            return new String(help.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            return "copilot-runner: help text missing from the jar\n";
        }
    }
}
