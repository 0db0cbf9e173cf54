package dev.copilotci.job;

import dev.copilotci.client.events.AssistantDelta;
import dev.copilotci.client.events.AssistantMessage;
import dev.copilotci.client.events.AssistantUsage;
import dev.copilotci.client.events.SessionError;
import dev.copilotci.client.events.SessionEvent;
import dev.copilotci.client.events.SessionListener;
import dev.copilotci.client.events.ToolCompleted;
import dev.copilotci.client.events.ToolStarted;
import dev.copilotci.client.events.TurnRetry;
import dev.copilotci.client.text.UntrustedText;

/**
 * Tells a long turn as it happens, one short line per step (model calls, tools, retries, errors), so a build log
 * shows it is alive. With {@code streamAnswer} the answer itself is written as it arrives, line by line (Jenkins'
 * console); without, only progress is told and the front end prints the answer once at the end (the runner's
 * stdout). Every line passes the {@link JobOutput} boundary.
 */
public final class Narrator implements SessionListener {
    private final JobOutput out;
    private final boolean streamAnswer;
    private final StringBuilder pending = new StringBuilder();
    private boolean streamedThisMessage;
    private int modelCalls;

    public Narrator(JobOutput out, boolean streamAnswer) {
        this.out = out;
        this.streamAnswer = streamAnswer;
    }

    @Override
    public synchronized void onEvent(SessionEvent event) {
        if (event instanceof AssistantDelta d) {
            if (streamAnswer) {
                streamedThisMessage = true;
                pending.append(d.deltaContent());
                int nl;
                while ((nl = pending.indexOf("\n")) >= 0) {
                    out.line(pending.substring(0, nl));
                    pending.delete(0, nl + 1);
                }
            }
        } else if (event instanceof AssistantMessage m) {
            if (streamAnswer && !streamedThisMessage && !m.content().isBlank()) {
                out.line(m.content()); // the server did not stream this message
            }
            flush();
            streamedThisMessage = false;
        } else if (event instanceof AssistantUsage u) {
            flush(); // the call is over: its streamed text is complete
            modelCalls++;
            out.line("model call " + modelCalls + " done (" + u.durationMs() + " ms, " + u.inputTokens()
                    + " tokens in, " + u.outputTokens() + " out)");
        } else if (event instanceof ToolStarted t) {
            flush();
            out.line("tool " + UntrustedText.singleLine(t.toolName(), 60) + " started");
        } else if (event instanceof ToolCompleted t) {
            out.line("tool call " + (t.success() ? "succeeded"
                    : "failed: " + UntrustedText.singleLine(String.valueOf(t.error()), 200)));
        } else if (event instanceof SessionError e) {
            flush();
            out.line("error: " + UntrustedText.singleLine(e.message(), 300));
        } else if (event instanceof TurnRetry r) {
            out.line("the model provider failed; the CLI is retrying ("
                    + UntrustedText.singleLine(r.reason() == null ? "?" : r.reason(), 60) + ")");
        }
    }

    /** Writes a partial last line of streamed answer text, if any. */
    public synchronized void flush() {
        if (pending.length() > 0) {
            out.line(pending.toString());
            pending.setLength(0);
        }
    }
}
