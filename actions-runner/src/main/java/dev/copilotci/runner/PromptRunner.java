package dev.copilotci.runner;

import dev.copilotci.client.Attachment;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnResult;
import java.io.IOException;
import java.util.List;

/**
 * Starts the engine, builds the prompt while our own CLI boots, opens the job session, runs the prompt with progress
 * on stderr, and always closes what it opened.
 */
final class PromptRunner {
    /** Builds the (masked) prompt: reads files, selects a log; a mistake in the inputs is a {@link UsageException}. */
    @FunctionalInterface
    interface PromptSource {
        String build() throws IOException;
    }

    private PromptRunner() {
    }

    static TurnResult run(RunContext ctx, PromptSource source, List<Attachment> attachments) throws IOException {
        try (EngineConnection engine = EngineConnection.start(ctx)) {
            String prompt = source.build();
            CopilotSession session = engine.openSession();
            session.addListener(new ProgressReporter(ctx));
            ctx.progress("prompt sent (" + prompt.length() + " chars" + (attachments.isEmpty() ? ""
                    : ", " + attachments.size() + " attachment(s)") + "); waiting for the answer");
            TurnResult result = session.sendAndWait(prompt, TurnOptions.DEFAULTS.withAttachments(attachments));
            if (result.recovered()) {
                ctx.progress("recovered: " + result.recoveryNote());
            }
            ctx.progress("answered in " + result.duration().toMillis() + " ms (" + result.usage().modelCalls()
                    + " model call(s), " + result.usage().totalTokens() + " tokens, model "
                    + result.usage().model() + ")");
            return result;
        }
    }
}
