package dev.copilotci.runner;

import dev.copilotci.client.TurnResult;
import dev.copilotci.job.JobInputs;
import java.io.IOException;
import java.util.List;

/** {@code prompt}: one prompt, the answer on stdout. */
final class PromptCommand {
    private PromptCommand() {
    }

    static int run(RunContext ctx) throws IOException {
        RunnerOptions o = ctx.options();
        CommandOptions.Prompt p = o.prompt();
        if ((p.prompt() == null) == (p.promptFile() == null)) {
            throw new UsageException("prompt needs exactly one of --prompt TEXT or --prompt-file FILE (- for stdin)");
        }
        TurnResult result = PromptRunner.run(ctx, () -> readPrompt(ctx), List.of());
        new ResultPublisher(ctx).publish(RunReport.answer("Copilot answer", result));
        return 0;
    }

    /** The prompt text, read while our CLI boots (the job session masks it). */
    private static String readPrompt(RunContext ctx) throws IOException {
        RunnerOptions o = ctx.options();
        CommandOptions.Prompt p = o.prompt();
        String prompt = p.prompt() != null ? p.prompt() : InputFiles.read(p.promptFile(), ctx.in(), "--prompt-file",
                ctx.workingDirectory(), JobInputs.PROMPT_BYTES);
        if (prompt.isBlank()) {
            throw new UsageException("The prompt is empty: pass some text with --prompt or --prompt-file");
        }
        return prompt;
    }
}
