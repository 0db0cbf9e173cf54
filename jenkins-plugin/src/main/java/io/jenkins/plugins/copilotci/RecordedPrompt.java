package io.jenkins.plugins.copilotci;

import dev.copilotci.client.CopilotException;
import dev.copilotci.client.TurnResult;
import dev.copilotci.job.JobOutput;
import dev.copilotci.job.ReviewFinding;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.List;

/**
 * One prompt in an open session, recorded on the build's Copilot page: the one path from a Pipeline step or a
 * freestyle build step to the job layer's session and back. A one-shot session is closed afterwards and the console
 * gets a link to the build's Copilot page.
 */
final class RecordedPrompt {
    private RecordedPrompt() {
    }

    /**
     * The findings a prompt's answer carries. {@code output} is the session's boundary: findings parsed from the
     * (already masked) answer pass it again, since JSON escapes in the answer can spell a secret only parsing joins.
     */
    @FunctionalInterface
    interface FindingsOf {
        FindingsOf NONE = (result, output) -> List.of();

        List<ReviewFinding> of(TurnResult result, JobOutput output);
    }

    /** The prompt's result; failures become an AbortException carrying the engine's message (no stack trace). */
    static TurnResult run(CopilotJobSession session, boolean oneShot, Run<?, ?> run, TaskListener listener,
                          String kind, String prompt, PromptStepExecution.OptionsFactory optionsFor,
                          FindingsOf findingsOf) throws Exception {
        CopilotRunAction action = CopilotRunAction.of(run);
        try {
            // The job layer masks the prompt (a token never reaches the model, even if the job put one in it) and
            // hands back the answer cleaned and masked: the job may echo it into the log.
            TurnResult result = session.prompt(prompt, optionsFor.create(session), listener.getLogger());
            action.add(PromptRecord.answered(kind, prompt, result, findingsOf.of(result, session.output()), session.output()));
            return result;
        } catch (CopilotException | IllegalArgumentException e) {
            String message = session.output().safe(e.getMessage());
            action.add(PromptRecord.failed(kind, prompt, session.sessionId(), message, session.output()));
            throw new AbortException(Messages.Copilot_Failed(message));
        } finally {
            if (oneShot) {
                session.close(false);
                listener.hyperlink(action.url(), "Copilot: all answers of this build");
                listener.getLogger().println();
            }
        }
    }

    /** Opens a one-shot session for a build; a configuration or connection problem becomes an AbortException. */
    static CopilotJobSession openOneShot(Run<?, ?> run, Launcher launcher, FilePath workspace,
                                         EnvVars env, TaskListener listener, CopilotOverrides overrides)
            throws Exception {
        try {
            return StepSessions.open(run, launcher, workspace, env, listener, overrides);
        } catch (CopilotException | IllegalArgumentException | IllegalStateException e) {
            throw new AbortException(Messages.Copilot_Failed(e.getMessage()));
        }
    }
}
