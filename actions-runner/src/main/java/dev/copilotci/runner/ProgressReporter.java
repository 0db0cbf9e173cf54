package dev.copilotci.runner;

import dev.copilotci.client.events.AssistantUsage;
import dev.copilotci.client.events.SessionError;
import dev.copilotci.client.events.SessionEvent;
import dev.copilotci.client.events.SessionListener;
import dev.copilotci.client.events.ToolCompleted;
import dev.copilotci.client.events.ToolStarted;
import dev.copilotci.client.text.UntrustedText;

/**
 * Progress on stderr while a turn runs, one short line per step (model calls, tools, retries), so a long prompt is
 * visibly alive in the log. The answer itself goes to stdout once, at the end.
 */
final class ProgressReporter implements SessionListener {
    private final RunContext ctx;
    private int modelCalls;

    ProgressReporter(RunContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void onEvent(SessionEvent event) {
        if (event instanceof AssistantUsage u) {
            modelCalls++;
            ctx.progress("model call " + modelCalls + " done (" + u.durationMs() + " ms, " + u.inputTokens()
                    + " tokens in, " + u.outputTokens() + " out)");
        } else if (event instanceof ToolStarted t) {
            ctx.progress("tool " + UntrustedText.singleLine(t.toolName(), 60) + " started");
        } else if (event instanceof ToolCompleted t) {
            ctx.progress("tool call " + (t.success() ? "succeeded" : "failed: "
                    + UntrustedText.singleLine(String.valueOf(t.error()), 160)));
        } else if (event instanceof SessionError e) {
            ctx.progress("error: " + UntrustedText.singleLine(e.message(), 300));
        } else if (event.type().equals("assistant.turn_retry")) {
            ctx.progress("the model provider failed; the CLI is retrying ("
                    + UntrustedText.singleLine(event.raw().data().path("reason").asText("?"), 60) + ")");
        }
    }
}
