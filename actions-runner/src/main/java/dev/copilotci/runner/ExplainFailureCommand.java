package dev.copilotci.runner;

import dev.copilotci.client.TurnResult;
import dev.copilotci.job.ExplainFailurePrompt;
import dev.copilotci.job.FailureLogExcerpt;
import dev.copilotci.job.JobInputs;
import dev.copilotci.job.LogSelector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * {@code explain-failure}: selects the relevant part of a (possibly huge) build log — errors, stack traces, the
 * tail — streaming, within a budget, then asks for cause and fix.
 */
final class ExplainFailureCommand {
    private ExplainFailureCommand() {
    }

    static int run(RunContext ctx) throws IOException {
        RunnerOptions o = ctx.options();
        if (o.explainFailure().maxLogChars() < 1000) {
            throw new UsageException("--max-log-chars must be at least 1000");
        }
        LogSelector selector = LogSelector.builder().maxChars(o.explainFailure().maxLogChars()).build();
        // Our CLI boots while the log is read.
        TurnResult result = PromptRunner.run(ctx, () -> promptFromLog(ctx, selector), List.of());
        new ResultPublisher(ctx).publish(RunReport.answer("Copilot: why the build failed", result));
        return 0;
    }

    /** The relevant part of the log, as a prompt (the job session masks it). */
    private static String promptFromLog(RunContext ctx, LogSelector selector) throws IOException {
        RunnerOptions o = ctx.options();
        FailureLogExcerpt excerpt;
        if (o.explainFailure().logFile() == null || o.explainFailure().logFile().toString().equals("-")) {
            excerpt = selector.select(ctx.in());
        } else {
            try (InputStream in = Files.newInputStream(JobInputs.requireInside(ctx.workingDirectory(), o.explainFailure().logFile(),
                    "--log-file"))) {
                excerpt = selector.select(in); // streamed: any size, within the selector's budget
            } catch (NoSuchFileException e) {
                throw new UsageException("--log-file " + o.explainFailure().logFile() + " does not exist");
            } catch (JobInputs.RejectedInputException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (excerpt.isEmpty()) {
            throw new UsageException("The build log is empty: pass it with --log-file FILE or on stdin");
        }
        ctx.progress("log: " + excerpt.totalLines() + " lines, " + excerpt.selectedLines() + " selected ("
                + excerpt.text().length() + " chars" + (excerpt.truncated() ? ", cut to the budget" : "") + ")");
        String job = ctx.env().get("GITHUB_JOB");
        return ExplainFailurePrompt.build(excerpt, job);
    }
}
