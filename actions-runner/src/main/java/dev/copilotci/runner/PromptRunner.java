package dev.copilotci.runner;

import dev.copilotci.client.Attachment;
import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnResult;
import java.util.List;

/** Opens the job session, runs one prompt with progress on stderr, and always closes what it opened. */
final class PromptRunner {
    private PromptRunner() {
    }

    static TurnResult run(RunContext ctx, String prompt, List<Attachment> attachments) {
        try (EngineConnection engine = EngineConnection.open(ctx)) {
            engine.session().addListener(new ProgressReporter(ctx));
            ctx.progress("prompt sent (" + prompt.length() + " chars" + (attachments.isEmpty() ? ""
                    : ", " + attachments.size() + " attachment(s)") + "); waiting for the answer");
            TurnResult result = engine.session().sendAndWait(prompt, TurnOptions.DEFAULTS.withAttachments(attachments));
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
