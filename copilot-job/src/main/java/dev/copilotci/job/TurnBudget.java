package dev.copilotci.job;

import dev.copilotci.client.events.AssistantMessage;
import dev.copilotci.client.events.AssistantUsage;
import dev.copilotci.client.events.SessionEvent;
import dev.copilotci.client.events.SessionListener;

/**
 * How much one prompt may spend: model calls and tokens (input plus output, over all calls). A prompt that goes over
 * is aborted at once and fails with a message naming the limit — an agent looping on tool calls costs money and
 * time on every call. Zero means no limit. The option names are the front end's, so the message names what to change.
 */
public record TurnBudget(int maxModelCalls, long maxTokens, String modelCallsOption, String tokensOption) {
    public static final TurnBudget UNLIMITED = new TurnBudget(0, 0, null, null);

    public TurnBudget {
        if (maxModelCalls < 0 || maxTokens < 0) {
            throw new IllegalArgumentException("A budget cannot be negative");
        }
    }

    boolean limited() {
        return maxModelCalls > 0 || maxTokens > 0;
    }

    /** Counts one prompt's spending; asks for the abort once, from its own thread (never the dispatch thread). */
    final class Guard implements SessionListener {
        private final Runnable abort;
        private int calls;
        private long tokens;
        private volatile String exceeded;

        Guard(Runnable abort) {
            this.abort = abort;
        }

        @Override
        public void onEvent(SessionEvent event) {
            if (exceeded != null) {
                return;
            }
            String over = null;
            if (event instanceof AssistantUsage u) {
                calls++;
                tokens += u.inputTokens() + u.outputTokens();
                if (maxTokens > 0 && tokens > maxTokens) {
                    over = "it used " + tokens + " tokens, over " + tokensOption + " " + maxTokens;
                }
            } else if (event instanceof AssistantMessage m && m.toolRequestCount() > 0 && maxModelCalls > 0
                    && calls >= maxModelCalls) {
                // Tool calls mean one more model call after them: stop before paying for it.
                over = "it needed more than " + maxModelCalls + " model calls (" + modelCallsOption + ")";
            }
            if (over != null) {
                exceeded = "The prompt was stopped: " + over + ". Raise the limit, or ask for less.";
                Thread t = new Thread(abort, "copilot-budget-abort");
                t.setDaemon(true);
                t.start();
            }
        }

        /** Why the prompt was stopped, or {@code null}. */
        String exceeded() {
            return exceeded;
        }
    }
}
