package io.jenkins.plugins.copilotci;

import dev.copilotci.client.events.AssistantDelta;
import dev.copilotci.client.events.AssistantMessage;
import dev.copilotci.client.events.AssistantUsage;
import dev.copilotci.client.events.SessionError;
import dev.copilotci.client.events.SessionEvent;
import dev.copilotci.client.events.SessionListener;
import dev.copilotci.client.events.ToolCompleted;
import dev.copilotci.client.events.ToolStarted;
import dev.copilotci.client.text.SecretMasker;
import dev.copilotci.client.text.UntrustedText;
import java.io.PrintStream;

/**
 * Streams a turn into the build log as it happens: every line prefixed {@code [copilot] }, secrets masked, and model
 * text made inert (escape sequences and console-note preambles stripped), so the model can neither hide text nor
 * inject Jenkins console notes.
 */
final class BuildLogWriter implements SessionListener {
    static final String PREFIX = "[copilot] ";

    private final PrintStream log;
    private final SecretMasker masker;
    private final StringBuilder pending = new StringBuilder();
    private boolean streamedThisMessage;
    private int modelCalls;

    BuildLogWriter(PrintStream log, SecretMasker masker) {
        this.log = log;
        this.masker = masker;
    }

    /** One line of our own text (may still contain model or server text: it is sanitized too). */
    void line(String text) {
        String safe = UntrustedText.forLog(masker.mask(text == null ? "" : text));
        synchronized (log) {
            for (String l : safe.split("\n", -1)) {
                log.println(PREFIX + l);
            }
        }
    }

    @Override
    public synchronized void onEvent(SessionEvent event) {
        if (event instanceof AssistantDelta d) {
            streamedThisMessage = true;
            pending.append(d.deltaContent());
            int nl;
            while ((nl = pending.indexOf("\n")) >= 0) {
                line(pending.substring(0, nl));
                pending.delete(0, nl + 1);
            }
        } else if (event instanceof AssistantMessage m) {
            if (!streamedThisMessage && !m.content().isBlank()) {
                line(m.content()); // the server did not stream this message
            }
            flush();
            streamedThisMessage = false;
        } else if (event instanceof ToolStarted t) {
            flush();
            line("(tool " + UntrustedText.singleLine(t.toolName(), 60) + ")");
        } else if (event instanceof ToolCompleted t && !t.success()) {
            line("(tool call failed: " + UntrustedText.singleLine(String.valueOf(t.error()), 200) + ")");
        } else if (event instanceof SessionError e) {
            flush();
            line("error: " + e.message());
        } else if (event instanceof AssistantUsage u) {
            flush(); // the call is over: its streamed text is complete
            modelCalls++;
            line("(model call " + modelCalls + ": " + u.durationMs() + " ms, " + u.inputTokens() + " tokens in, "
                    + u.outputTokens() + " out)");
        } else if (event.type().equals("assistant.turn_retry")) {
            line("(the model provider failed; the CLI is retrying)");
        }
    }

    /** Writes a partial last line, if any. */
    synchronized void flush() {
        if (pending.length() > 0) {
            line(pending.toString());
            pending.setLength(0);
        }
    }
}
