package dev.copilotci.runner;

import dev.copilotci.client.Attachment;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnResult;
import java.util.List;

/** Opens the job session on a started engine and runs one prompt with progress on stderr; the caller closes it. */
final class PromptRunner {
    private PromptRunner() {
    }

    static TurnResult run(RunContext ctx, EngineConnection engine, String prompt, List<Attachment> attachments) {
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
