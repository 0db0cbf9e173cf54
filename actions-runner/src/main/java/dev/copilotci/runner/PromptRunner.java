package dev.copilotci.runner;

import dev.copilotci.client.Attachment;
import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnResult;
import dev.copilotci.job.JobSession;
import dev.copilotci.job.JobSettings;
import java.io.IOException;
import java.util.List;

/**
 * Starts the job session, builds the prompt while our own CLI boots, runs it with progress on stderr, and always
 * closes what it opened. The answer comes back cleaned and masked (the job layer's output boundary).
 */
final class PromptRunner {
    /** Builds the prompt: reads files, selects a log; a mistake in the inputs is a {@link UsageException}. */
    @FunctionalInterface
    interface PromptSource {
        String build() throws IOException;
    }

    private PromptRunner() {
    }

    static TurnResult run(RunContext ctx, PromptSource source, List<Attachment> attachments) throws IOException {
        try (JobSession job = start(ctx)) {
            String prompt = source.build();
            return job.prompt(prompt, TurnOptions.DEFAULTS.withAttachments(attachments));
        }
    }

    /** The job session for this run (our own CLI starts booting now); a mistake in the options is a usage error. */
    static JobSession start(RunContext ctx) {
        JobSettings settings = RunnerJobSettings.of(ctx);
        try {
            return JobSession.start(settings, ctx.output(), false);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
