package io.jenkins.plugins.copilotci;

import dev.copilotci.client.CopilotException;
import dev.copilotci.client.text.UntrustedText;
import dev.copilotci.job.ServerProbe;
import hudson.AbortException;
import hudson.Extension;
import hudson.Launcher;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import jenkins.YesNoMaybe;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
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
public class WithCopilotStep extends CopilotInstructionsStep {
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
        private volatile CopilotBlockHandle handle;
        private transient volatile boolean stopped;

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
                throw new AbortException(Messages.Copilot_Failed(e.getMessage()));
            }
            CopilotBlockHandle opened = new CopilotBlockHandle(session.sessionId(), session.settings(), session);
            RuntimeException failure;
            // The stopped check and the body start share one lock with stop(): a stop either comes first (the body
            // never starts) or after the start was requested (the engine then ends the body with the step). Without
            // it a stop between the two let the body start after the step had already failed. BodyInvoker.start()
            // only schedules the body on the Pipeline's thread, so holding the lock there cannot deadlock stop().
            synchronized (this) {
                if (stopped) { // stop() came while the session was opening: nobody else will close it
                    closeInBackground(opened.stop());
                    return;
                }
                handle = opened;
                try {
                    // Everything written inside the block is masked, not only our own lines (credentials-binding's
                    // way). Pipeline logs are UTF-8 (workflow-job writes them so since JEP-210).
                    ConsoleLogFilter masking = BodyInvoker.mergeConsoleLogFilters(
                            getContext().get(ConsoleLogFilter.class),
                            new SecretMaskingFilter(session.secretValues(), StandardCharsets.UTF_8));
                    getContext().newBodyInvoker()
                            .withContexts(opened, masking)
                            .withCallback(new CloseSession(opened, keepSession))
                            .start();
                    return;
                } catch (RuntimeException e) {
                    handle = null;
                    failure = e;
                }
            }
            CopilotJobSession live = opened.detach(); // outside the lock: closing talks to the CLI
            if (live != null) {
                live.close(keepSession);
            }
            throw failure;
        }

        /**
         * Aborted or timed out. Runs on the Pipeline's thread, so it must not block: the block ends now with the
         * cause, and the running prompt is aborted and the session closed on a thread of their own.
         */
        @Override
        public void stop(Throwable cause) throws Exception {
            CopilotBlockHandle h;
            synchronized (this) {
                stopped = true;
                h = handle;
            }
            try {
                super.stop(cause);
            } finally {
                if (h != null) {
                    closeInBackground(h.stop());
                }
            }
        }

        private void closeInBackground(CopilotJobSession live) {
            if (live == null) {
                return;
            }
            Thread closer = new Thread(() -> {
                live.abort();
                live.close(keepSession);
            }, "copilot-block-stop");
            closer.setDaemon(true);
            closer.start();
        }

        /** Runs when the body ends, however it ends (not after stop(), which closes by itself). */
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
                TaskListener listener = context.get(TaskListener.class);
                CopilotJobSession live = handle.detach();
                if (live != null) {
                    live.close(keep);
                } else if (!handle.wasStopped()) {
                    cleanUpAfterRestart(handle, keep, context, listener);
                }
                Run<?, ?> run = context.get(Run.class);
                listener.hyperlink(CopilotRunAction.of(run).url(), "Copilot: all answers of this build");
                listener.getLogger().println();
            }
        }
    }

    /** To reach a shared server and delete a session there after a restart: the hourly pruner's deadline too. */
    private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Jenkins restarted while the block ran (the live session is gone): end what it left behind, best effort — the
     * CLI on the agent (found by its marker), or the session on a shared server (unless it is to be kept).
     */
    static void cleanUpAfterRestart(CopilotBlockHandle handle, boolean keep, StepContext context,
                                    TaskListener listener) {
        try {
            Launcher launcher = context.get(Launcher.class);
            if (handle.agentCliMarker() != null && launcher != null) {
                launcher.kill(Map.of("COPILOT_CI_CLI", handle.agentCliMarker()));
                listener.getLogger().println(BuildLogWriter.PREFIX + "stopped the Copilot CLI left on the agent by"
                        + " the restart");
            } else if (!keep && !handle.settings().cliUrls.isEmpty()) {
                CopilotCredentials secrets = CopilotCredentials.forRun(handle.settings(), context.get(Run.class));
                new ServerProbe(secrets.connectionToken, CLEANUP_TIMEOUT).deleteSession(handle.settings().cliUrls,
                        handle.sessionId());
                listener.getLogger().println(BuildLogWriter.PREFIX + "deleted session " + handle.sessionId()
                        + ", left by the restart");
            }
        } catch (Exception e) {
            listener.getLogger().println(BuildLogWriter.PREFIX + "could not clean up after the restart: "
                    + UntrustedText.singleLine(String.valueOf(e.getMessage()), 300));
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
            return Messages.WithCopilotStep_DisplayName();
        }
    }
}
