package io.jenkins.plugins.copilotci;

import dev.copilotci.client.TurnOptions;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Publisher;
import hudson.tasks.Recorder;
import java.io.IOException;
import jenkins.YesNoMaybe;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Freestyle post-build action "Explain failure with Copilot": what {@code copilotExplainFailure()} does in a
 * Pipeline's {@code post { failure { } }}, for a failed (optionally unstable) freestyle build. The answer goes to the
 * build's Copilot page; the build's result is never changed, also not when Copilot cannot answer.
 */
public class CopilotExplainFailureRecorder extends Recorder implements SimpleBuildStep {
    private int maxLines = CopilotExplainFailureStep.DEFAULT_MAX_LINES;
    private boolean unstable;
    /** The action's connection values (each null/0 = the global default); persisted with the job's config. */
    private final CopilotOverrides values = new CopilotOverrides();

    @DataBoundConstructor
    public CopilotExplainFailureRecorder() {
    }

    /** How many lines from the end of the log are considered (the relevant part is then selected). */
    public int getMaxLines() {
        return maxLines;
    }

    @DataBoundSetter
    public void setMaxLines(int maxLines) {
        this.maxLines = maxLines > 0 ? maxLines : CopilotExplainFailureStep.DEFAULT_MAX_LINES;
    }

    /** Also explain unstable builds (test failures), not only failed ones. */
    public boolean isUnstable() {
        return unstable;
    }

    @DataBoundSetter
    public void setUnstable(boolean unstable) {
        this.unstable = unstable;
    }

    public String getCliUrl() {
        return values.cliUrl;
    }

    @DataBoundSetter
    public void setCliUrl(String cliUrl) {
        values.cliUrl = CopilotStep.emptyToNull(cliUrl);
    }

    public String getModel() {
        return values.model;
    }

    @DataBoundSetter
    public void setModel(String model) {
        values.model = CopilotStep.emptyToNull(model);
    }

    public String getProviderBaseUrl() {
        return values.providerBaseUrl;
    }

    @DataBoundSetter
    public void setProviderBaseUrl(String providerBaseUrl) {
        values.providerBaseUrl = CopilotStep.emptyToNull(providerBaseUrl);
    }

    /** Seconds; 0 = the global default. */
    public int getTimeout() {
        return values.timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        values.timeout = Math.max(0, timeout);
    }

    /** Runs once the build's result is known, never holds back other builds: there is nothing to wait for. */
    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    /** Only the log is needed; a workspace and launcher are used when the build has them (CLI on the agent). */
    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
                        @NonNull Launcher launcher, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        explain(run, launcher, workspace, env, listener);
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        explain(run, null, null, env, listener);
    }

    /** Whether a build with this (current) result is explained. */
    boolean wants(Result result) {
        return AutoExplainRules.failed(result, unstable);
    }

    private void explain(Run<?, ?> run, Launcher launcher, FilePath workspace, EnvVars env, TaskListener listener)
            throws InterruptedException, IOException {
        if (!wants(run.getResult())) {
            return;
        }
        FailurePrompt prompt = FailurePrompt.of(run, maxLines);
        listener.getLogger().println(prompt.describe());
        try {
            // The checkout may be a change request's: base (origin/$CHANGE_TARGET) or none, never the workspace.
            CopilotOverrides overrides = values.copy().instructions("base", null);
            CopilotJobSession session = RecordedPrompt.openOneShot(run, launcher, workspace, env, listener,
                    overrides);
            RecordedPrompt.run(session, true, run, listener, "explainFailure", prompt.text(),
                    s -> TurnOptions.DEFAULTS, RecordedPrompt.FindingsOf.NONE);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // Explaining is advice: the build's result stays what the build made it. AbortException messages are
            // already masked by the job layer; anything else is masked by the build's console filter at most.
            listener.getLogger().println(BuildLogWriter.PREFIX + "could not explain the failure: "
                    + (e instanceof AbortException ? e.getMessage() : e.getClass().getSimpleName()));
        }
    }

    @Symbol("copilotExplainFailureRecorder")
    @Extension(dynamicLoadable = YesNoMaybe.YES)
    public static final class DescriptorImpl extends BuildStepDescriptor<Publisher> {
        @Override
        @SuppressWarnings("rawtypes") // the signature of core's BuildStepDescriptor
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CopilotExplainFailureRecorder_DisplayName();
        }
    }
}
