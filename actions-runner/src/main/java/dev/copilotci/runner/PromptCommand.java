package dev.copilotci.runner;

import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnResult;
import dev.copilotci.job.JobInputs;
import dev.copilotci.job.JobSession;
import dev.copilotci.job.StructuredAnswer;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code prompt}: one prompt, the answer on stdout; with {@code --output-schema}, the answer's valid JSON. */
final class PromptCommand {
    private PromptCommand() {
    }

    static int run(RunContext ctx) throws IOException {
        RunnerOptions o = ctx.options();
        CommandOptions.Prompt p = o.prompt();
        if ((p.prompt() == null) == (p.promptFile() == null)) {
            throw new UsageException("prompt needs exactly one of --prompt TEXT or --prompt-file FILE (- for stdin)");
        }
        if (p.outputSchema() != null) {
            return structured(ctx, readSchema(ctx, p.outputSchema()));
        }
        TurnResult result = PromptRunner.run(ctx, () -> readPrompt(ctx), List.of());
        new ResultPublisher(ctx).publish(RunReport.answer("Copilot answer", result));
        return 0;
    }

    /**
     * The prompt with the schema's instruction; if the answer is not valid, one follow-up in the same session quoting
     * the validator's errors; then the JSON, or exit 1 naming the errors. Answers are cleaned and masked already.
     */
    private static int structured(RunContext ctx, StructuredAnswer schema) throws IOException {
        TurnResult result;
        StructuredAnswer.Check check;
        TurnResult first = null;
        try (JobSession job = PromptRunner.start(ctx)) {
            String prompt = readPrompt(ctx) + "\n\n" + schema.instruction();
            result = job.prompt(prompt, TurnOptions.DEFAULTS);
            check = schema.check(result.content());
            if (!check.valid()) {
                ctx.progress("the answer does not match --output-schema (" + check.errors().size()
                        + " error(s)); asking once more with the errors");
                first = result;
                result = job.prompt(schema.correction(check), TurnOptions.DEFAULTS);
                check = schema.check(result.content());
            }
        }
        if (!check.valid()) {
            ctx.err().println("copilot-runner: the answer is not valid against --output-schema, also after one"
                    + " correction:");
            // Validator messages can quote the model's answer: already cleaned and masked, still made inert here.
            check.errors().forEach(e -> ctx.err().println("  " + RunContext.neutral(e)));
            return 1;
        }
        // The outputs count both prompts: the correction is part of what this step cost.
        TurnResult both = first == null ? result : new TurnResult(result.sessionId(), result.messageId(),
                result.content(), first.usage().plus(result.usage()), first.duration().plus(result.duration()),
                result.recoveryNote());
        new ResultPublisher(ctx).publish(new RunReport("Copilot answer (JSON)", check.json(), check.json(), both,
                List.of(), null), Map.of("json", check.json()));
        return 0;
    }

    /** The schema, read like every input (bounded; a link out of the workspace is refused) and compiled. */
    private static StructuredAnswer readSchema(RunContext ctx, Path file) throws IOException {
        String text;
        try {
            text = InputFiles.decode(JobInputs.readFile(ctx.workingDirectory(), file, JobInputs.PROMPT_BYTES,
                    "--output-schema"));
        } catch (NoSuchFileException e) {
            throw new UsageException("--output-schema " + file + " does not exist");
        } catch (JobInputs.RejectedInputException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            return StructuredAnswer.of(text, "--output-schema " + file);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
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
