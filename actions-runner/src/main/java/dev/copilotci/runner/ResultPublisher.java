package dev.copilotci.runner;

import dev.copilotci.client.Usage;
import dev.copilotci.runner.github.AnnotationReport;
import dev.copilotci.runner.github.AnnotationReporter;
import dev.copilotci.runner.github.FindingLocations;
import dev.copilotci.runner.github.GithubOutputFile;
import dev.copilotci.runner.github.PostMode;
import dev.copilotci.runner.github.PostResult;
import dev.copilotci.runner.github.ReportContent;
import dev.copilotci.runner.github.RunStats;
import dev.copilotci.runner.github.StepSummary;
import dev.copilotci.runner.github.WorkflowCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a report everywhere it belongs: the answer on stdout (as inert text), the response file, and in a workflow
 * the step outputs, the step summary, annotations for findings and, if asked, the pull request. Model text is
 * untrusted and every secret is masked before anything is written.
 */
final class ResultPublisher {
    static final int MAX_RESPONSE_OUTPUT = 256 * 1024;

    private final RunContext ctx;

    ResultPublisher(RunContext ctx) {
        this.ctx = ctx;
    }

    Optional<PostResult> publish(RunReport report) throws IOException {
        return publish(report, Map.of());
    }

    /**
     * As {@link #publish(RunReport)}, with step outputs only this command has (e.g. {@code json}).
     *
     * @return what posting to the pull request did, empty when nothing was to be posted
     */
    Optional<PostResult> publish(RunReport report, Map<String, String> extraOutputs) throws IOException {
        // Model text arrives cleaned and masked from the job layer's boundary; our own text holds no secret.
        String answer = report.answer();
        Path responseFile = writeResponseFile(answer);
        if (!ctx.inGithubActions()) {
            ctx.out().println(answer);
            ctx.out().flush();
            return Optional.empty();
        }
        WorkflowCommands commands = new WorkflowCommands(ctx.out());
        commands.group(report.heading());
        commands.echoUntrusted(answer);
        commands.endGroup();

        // Built once through the job layer's boundary: annotations, summary and pull request all show this.
        ReportContent content = ReportContent.of(ctx.output(), report.heading(), report.pageText(), report.findings(),
                RunStats.of(report.turn()), ctx.github().runUrl().orElse(null), report.scope());
        if (!report.findings().isEmpty()) {
            AnnotationReport annotations = new AnnotationReporter(commands,
                    FindingLocations.inWorkspace(ctx.workingDirectory())).report(content.findings());
            if (annotations.omitted() > 0) {
                commands.echo(annotations.omittedMessage()); // a plain line: the notice quota may be used up
            }
        }
        if (ctx.github().stepSummary().isPresent()) {
            new StepSummary(ctx.github().stepSummary().get()).append(content);
        }
        if (ctx.github().output().isPresent()) {
            Map<String, String> outputs = new LinkedHashMap<>();
            // GitHub caps a job's outputs at 1 MB in all; the response file always holds the whole answer.
            outputs.put("response", answer.length() <= MAX_RESPONSE_OUTPUT ? answer
                    : answer.substring(0, MAX_RESPONSE_OUTPUT) + "\n… [cut; the whole answer is in response-file]");
            outputs.put("response-file", responseFile.toString());
            outputs.put("session-id", report.turn().sessionId());
            Usage usage = report.turn().usage();
            outputs.put("model-calls", String.valueOf(usage.modelCalls()));
            outputs.put("tokens-in", String.valueOf(usage.inputTokens()));
            outputs.put("tokens-out", String.valueOf(usage.outputTokens()));
            outputs.put("duration-ms", String.valueOf(report.turn().duration().toMillis()));
            if (report.findingsFile() != null) {
                outputs.put("findings-file", report.findingsFile().toString());
            }
            outputs.putAll(extraOutputs);
            new GithubOutputFile(ctx.github().output().get()).setAll(outputs);
        }
        PostMode mode = ctx.postMode();
        if (mode != PostMode.NONE) {
            PostResult posted = ctx.pullRequestPoster().post(mode, ctx.github().defaultStickyKey(), content);
            report(ctx, commands, posted);
            return Optional.of(posted);
        }
        return Optional.empty();
    }


    /** What posting did: a progress line when it posted, else a notice (a skip or failure never fails the run). */
    static void report(RunContext ctx, WorkflowCommands commands, PostResult posted) {
        if (posted.posted()) {
            ctx.progress(posted.describe());
        } else {
            commands.notice(ctx.output().safe(posted.describe()));
        }
    }

    private Path writeResponseFile(String answer) throws IOException {
        Path file = ctx.options().responseFile();
        if (file == null) {
            if (!ctx.inGithubActions()) {
                return null;
            }
            file = ctx.temporaryDirectory().resolve("copilot-response-" + System.nanoTime() + ".md");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, answer, StandardCharsets.UTF_8);
        return file.toAbsolutePath();
    }
}
