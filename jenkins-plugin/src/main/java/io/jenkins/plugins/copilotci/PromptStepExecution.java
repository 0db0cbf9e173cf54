package io.jenkins.plugins.copilotci;

import dev.copilotci.client.CopilotException;
import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnResult;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousResumeNotSupportedException;

/**
 * Runs one prompt off the Pipeline thread, in the enclosing {@code withCopilot} session or a one-shot session that
 * is always closed, and records it on the build's Copilot page. {@code stop} (inherited: it runs on the Pipeline's
 * thread and must not block) interrupts the worker, whose wait then aborts the turn on the server and closes a
 * one-shot session.
 * Not resumable after a controller restart (SynchronousNonBlockingStepExecution): see
 * {@code retry(conditions: [nonresumable()])}.
 */
abstract class PromptStepExecution extends SynchronousNonBlockingStepExecution<Object> {
    private static final long serialVersionUID = 1L;

    private final CopilotOverrides overrides;

    PromptStepExecution(StepContext context, CopilotOverrides overrides) {
        super(context);
        this.overrides = overrides;
    }

    /** The prompt's result; failures become an AbortException carrying the engine's message (no stack trace). */
    protected TurnResult prompt(String kind, String prompt, TurnOptions options,
                                RecordedPrompt.FindingsOf findingsOf) throws Exception {
        return prompt(kind, prompt, session -> options, findingsOf);
    }

    /** As above, with options (attachments) built once the session, and so its secrets to mask, is known. */
    protected TurnResult prompt(String kind, String prompt, OptionsFactory optionsFor,
                                RecordedPrompt.FindingsOf findingsOf) throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        CopilotBlockHandle handle = context.get(CopilotBlockHandle.class);
        boolean oneShot = handle == null;
        CopilotJobSession session;
        if (!oneShot && handle.liveOrNull() == null && handle.wasStopped()) {
            throw new AbortException(Messages.PromptStepExecution_BlockStopped());
        }
        if (!oneShot && handle.liveOrNull() == null) {
            // Jenkins restarted inside withCopilot: retry(conditions: [nonresumable()]) matches exactly this type.
            throw new SynchronousResumeNotSupportedException(context);
        }
        try {
            session = oneShot ? StepSessions.open(context, overrides) : handle.live();
        } catch (CopilotException | IllegalArgumentException | IllegalStateException e) {
            throw new AbortException(Messages.Copilot_Failed(e.getMessage()));
        }
        if (!oneShot && overrides.systemMessage != null) {
            session.output().line("note: systemMessage is ignored inside withCopilot (the block's session has its own);"
                    + " set it on withCopilot");
        }
        return RecordedPrompt.run(session, oneShot, run, listener, kind, prompt, optionsFor, findingsOf);
    }

    @FunctionalInterface
    interface OptionsFactory {
        TurnOptions create(CopilotJobSession session) throws Exception;
    }

}
