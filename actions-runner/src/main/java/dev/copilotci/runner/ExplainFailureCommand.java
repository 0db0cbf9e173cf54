package dev.copilotci.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnResult;
import dev.copilotci.client.Usage;
import dev.copilotci.job.ExplainFailurePrompt;
import dev.copilotci.job.FailureLogExcerpt;
import dev.copilotci.job.JobInputs;
import dev.copilotci.job.JobSession;
import dev.copilotci.job.LogSelector;
import dev.copilotci.runner.github.GithubApiException;
import dev.copilotci.runner.github.GithubToken;
import dev.copilotci.runner.github.RunFailures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code explain-failure}: selects the relevant part of a (possibly huge) build log — errors, stack traces, the
 * tail — streaming, within a budget, then asks for cause and fix. With {@code --run-id}, the logs come from the
 * workflow run itself: each failed job's log, explained one after the other in one session.
 */
final class ExplainFailureCommand {
    /**
     * Failed jobs explained per run, in the API's order: a pull request's own workflow can fail a whole matrix, and a
     * {@code /copilot explain} would otherwise spend a model call (and a log's budget) on each of hundreds.
     */
    static final int MAX_EXPLAINED_JOBS = 5;

    private ExplainFailureCommand() {
    }

    static int run(RunContext ctx) throws IOException {
        CommandOptions.ExplainFailure o = ctx.options().explainFailure();
        if (o.maxLogChars() < 1000) {
            throw new UsageException("--max-log-chars must be at least 1000");
        }
        LogSelector selector = LogSelector.builder().maxChars(o.maxLogChars()).build();
        if (o.runId() != null) {
            if (o.logFile() != null) {
                throw new UsageException("explain-failure takes --log-file or --run-id, not both");
            }
            explainRun(ctx, resolveRunId(ctx, o.runId()), selector);
            return 0;
        }
        // Our CLI boots while the log is read.
        TurnResult result = PromptRunner.run(ctx, () -> promptFromLog(ctx, selector), List.of());
        new ResultPublisher(ctx).publish(RunReport.answer("Copilot: why the build failed", result));
        return 0;
    }

    /** The relevant part of the log, as a prompt (the job session masks it). */
    private static String promptFromLog(RunContext ctx, LogSelector selector) throws IOException {
        CommandOptions.ExplainFailure o = ctx.options().explainFailure();
        FailureLogExcerpt excerpt;
        if (o.logFile() == null || o.logFile().toString().equals("-")) {
            excerpt = selector.select(ctx.in());
        } else {
            try (InputStream in = Files.newInputStream(JobInputs.requireInside(ctx.workingDirectory(), o.logFile(),
                    "--log-file"))) {
                excerpt = selector.select(in); // streamed: any size, within the selector's budget
            } catch (NoSuchFileException e) {
                throw new UsageException("--log-file " + o.logFile() + " does not exist");
            } catch (JobInputs.RejectedInputException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (excerpt.isEmpty()) {
            throw new UsageException("The build log is empty: pass it with --log-file FILE or on stdin");
        }
        describe(ctx, "log", excerpt);
        return ExplainFailurePrompt.build(excerpt, ctx.env().get("GITHUB_JOB"));
    }

    /**
     * {@code auto}: the run that triggered this one on a {@code workflow_run} event (from the event payload), else
     * this run (a final job with {@code needs: [...]} and {@code if: failure()}).
     */
    static String resolveRunId(RunContext ctx, String runId) throws IOException {
        if (!runId.equals("auto")) {
            return runId;
        }
        if ("workflow_run".equals(ctx.github().eventName()) && ctx.github().eventPath() != null) {
            String id;
            try (InputStream event = Files.newInputStream(ctx.github().eventPath())) {
                id = new ObjectMapper().readTree(JobInputs.read(event, JobInputs.PROMPT_BYTES, "the event payload"))
                        .path("workflow_run").path("id").asText("");
            }
            if (!id.isEmpty()) {
                return id;
            }
        }
        String self = ctx.github().runId();
        if (self == null || self.isBlank()) {
            throw new UsageException("--run-id auto needs a workflow run (GITHUB_RUN_ID): pass --run-id ID or --log-file");
        }
        return self;
    }

    /**
     * Each failed job of the run, its log selected within the budget, explained in one session, and reported; also
     * what a {@code /copilot explain} comment runs for the pull request head's latest failed run.
     *
     * @return the explanation (cleaned and masked), one section per failed job
     */
    static TurnResult explainRun(RunContext ctx, String runId, LogSelector selector) throws IOException {
        GithubToken token = GithubToken.fromEnvironment(ctx.env()).orElseThrow(() -> new UsageException(
                "--run-id reads the run's jobs and logs from the GitHub API: set GITHUB_TOKEN (with actions: read)"));
        RunFailures run;
        try {
            run = new RunFailures(ctx.github(), token, Duration.ofSeconds(30));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<String> sections = new ArrayList<>();
        TurnResult last = null;
        Usage total = Usage.NONE;
        Duration took = Duration.ZERO;
        try (JobSession job = PromptRunner.start(ctx)) {
            List<RunFailures.FailedJob> failed = run.failedJobs(runId); // our CLI boots meanwhile
            ctx.progress("run " + runId + ": " + failed.size() + " failed job(s)");
            if (failed.isEmpty()) {
                String none = "No job of run " + runId + " failed: nothing to explain.";
                TurnResult nothing = new TurnResult(job.sessionId(), null, none, Usage.NONE, Duration.ZERO, null);
                new ResultPublisher(ctx).publish(RunReport.answer("Copilot: why the run failed", nothing));
                return nothing;
            }
            for (RunFailures.FailedJob failedJob : failed.subList(0, Math.min(failed.size(), MAX_EXPLAINED_JOBS))) {
                FailureLogExcerpt excerpt = run.readLog(failedJob, selector::select);
                describe(ctx, "job '" + failedJob.name() + "'", excerpt);
                String name = failedJob.name() + (failedJob.failedSteps().isEmpty() ? ""
                        : " (failed step: " + String.join(", ", failedJob.failedSteps()) + ")");
                last = job.prompt(ExplainFailurePrompt.build(excerpt, name), TurnOptions.DEFAULTS);
                total = total.plus(last.usage());
                took = took.plus(last.duration());
                sections.add("### " + failedJob.name() + "\n\n" + last.content());
            }
            if (failed.size() > MAX_EXPLAINED_JOBS) {
                sections.add("(" + (failed.size() - MAX_EXPLAINED_JOBS) + " more failed jobs were not explained: at"
                        + " most " + MAX_EXPLAINED_JOBS + " per run.)");
            }
        } catch (GithubApiException e) {
            throw new UsageException("reading run " + runId + " from the GitHub API failed: " + e.getMessage()
                    + (e.status() == 403 || e.status() == 404 ? " (the token needs actions: read)" : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading run " + runId, e);
        }
        String answer = String.join("\n\n", sections);
        TurnResult explained = new TurnResult(last.sessionId(), last.messageId(), answer, total, took,
                last.recoveryNote());
        new ResultPublisher(ctx).publish(RunReport.answer("Copilot: why the run failed", explained));
        return explained;
    }

    private static void describe(RunContext ctx, String what, FailureLogExcerpt excerpt) {
        ctx.progress(what + ": " + excerpt.totalLines() + " lines, " + excerpt.selectedLines() + " selected ("
                + excerpt.text().length() + " chars" + (excerpt.truncated() ? ", cut to the budget" : "") + ")");
    }
}
