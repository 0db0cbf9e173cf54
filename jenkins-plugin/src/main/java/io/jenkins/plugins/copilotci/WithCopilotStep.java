package io.jenkins.plugins.copilotci;

import dev.copilotci.client.CopilotException;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.Set;
import jenkins.YesNoMaybe;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code withCopilot { ... }}: one job-scoped Copilot session for the block (id from the job's full name and build
 * number); every {@code copilotPrompt} inside continues the same conversation. Start-or-connect: with a CLI URL the
 * shared server there, else (inside {@code node}) a CLI started on the agent. On every way out of the block —
 * success, failure, abort, timeout — the session is deleted (unless {@code keepSession: true}), the connection
 * closed and any CLI it started stopped.
 */
public class WithCopilotStep extends CopilotStep {
    private boolean keepSession;

    @DataBoundConstructor
    public WithCopilotStep() {
    }

    public boolean isKeepSession() {
        return keepSession;
    }

    @DataBoundSetter
    public void setKeepSession(boolean keepSession) {
        this.keepSession = keepSession;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, overrides(), keepSession);
    }

    static final class Execution extends GeneralNonBlockingStepExecution {
        private static final long serialVersionUID = 1L;
        private final CopilotOverrides overrides;
        private final boolean keepSession;
        private CopilotBlockHandle handle;

        Execution(StepContext context, CopilotOverrides overrides, boolean keepSession) {
            super(context);
            this.overrides = overrides;
            this.keepSession = keepSession;
        }

        @Override
        public boolean start() {
            run(this::openAndRunBody);
            return false;
        }

        private void openAndRunBody() throws Exception {
            CopilotJobSession session;
            try {
                session = StepSessions.open(getContext(), overrides);
            } catch (CopilotException | IllegalArgumentException | IllegalStateException e) {
                throw new AbortException("Copilot: " + e.getMessage());
            }
            handle = new CopilotBlockHandle(session.sessionId(),
                    CopilotSettings.merge(CopilotGlobalConfiguration.get(), overrides), session);
            getContext().newBodyInvoker()
                    .withContext(handle)
                    .withCallback(new CloseSession(handle, keepSession))
                    .start();
        }

        /** Aborted (or timed out): abort the running prompt and close everything now, then end the body. */
        @Override
        public void stop(Throwable cause) throws Exception {
            try {
                super.stop(cause); // first: the block now ends with this cause, whatever the body does next
            } finally {
                CopilotBlockHandle h = handle;
                CopilotJobSession live = h == null ? null : h.detach();
                if (live != null) {
                    live.abort();
                    live.close(keepSession);
                }
            }
        }

        /** Runs when the body ends, however it ends. */
        private final class CloseSession extends TailCall {
            private static final long serialVersionUID = 1L;
            private final CopilotBlockHandle handle;
            private final boolean keep;

            CloseSession(CopilotBlockHandle handle, boolean keep) {
                this.handle = handle;
                this.keep = keep;
            }

            @Override
            protected void finished(StepContext context) throws IOException, InterruptedException {
                CopilotJobSession live = handle.detach();
                if (live != null) {
                    live.close(keep);
                }
                Run<?, ?> run = context.get(Run.class);
                TaskListener listener = context.get(TaskListener.class);
                listener.hyperlink(CopilotRunAction.of(run).url(), "Copilot: all answers of this build");
                listener.getLogger().println();
            }
        }
    }

    @Extension(dynamicLoadable = YesNoMaybe.YES)
    public static final class DescriptorImpl extends CopilotStepDescriptor {
        @Override
        public Set<? extends Class<?>> getProvidedContext() {
            return Set.of(CopilotBlockHandle.class);
        }

        @Override
        public String getFunctionName() {
            return "withCopilot";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Run a block with a job-scoped Copilot session";
        }
    }
}
