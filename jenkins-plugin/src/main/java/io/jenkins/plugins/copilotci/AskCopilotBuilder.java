package io.jenkins.plugins.copilotci;

import dev.copilotci.client.TurnOptions;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.ListBoxModel;
import java.io.IOException;
import jenkins.YesNoMaybe;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Freestyle build step "Ask Copilot": runs one prompt in a one-shot session (as {@code copilotPrompt} does outside
 * {@code withCopilot}), streams the answer into the console and records it on the build's Copilot page. A failed
 * prompt or a missing model/CLI fails this build step with the reason.
 */
public class AskCopilotBuilder extends Builder implements SimpleBuildStep {
    private final String prompt;
    /** The step's connection values (each null/0 = the global default); persisted with the job's config. */
    private final CopilotOverrides values = new CopilotOverrides();

    @DataBoundConstructor
    public AskCopilotBuilder(String prompt) {
        this.prompt = prompt;
    }

    public String getPrompt() {
        return prompt;
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

    public String getPermissions() {
        return values.permissions;
    }

    @DataBoundSetter
    public void setPermissions(String permissions) {
        values.permissions = CopilotStep.emptyToNull(permissions);
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
        ask(run, launcher, workspace, env, listener);
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        ask(run, null, null, env, listener);
    }

    private void ask(Run<?, ?> run, Launcher launcher, FilePath workspace, EnvVars env, TaskListener listener)
            throws InterruptedException, IOException {
        if (prompt == null || prompt.isBlank()) {
            throw new AbortException(Messages.AskCopilotBuilder_EmptyPrompt());
        }
        try {
            CopilotJobSession session = RecordedPrompt.openOneShot(run, launcher, workspace, env, listener,
                    values.copy());
            RecordedPrompt.run(session, true, run, listener, "prompt", prompt, s -> TurnOptions.DEFAULTS,
                    RecordedPrompt.FindingsOf.NONE);
        } catch (InterruptedException | IOException | RuntimeException e) {
            throw e; // AbortException (an IOException) fails the build step with its message, no stack trace
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @Symbol("askCopilot")
    @Extension(dynamicLoadable = YesNoMaybe.YES)
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        @SuppressWarnings("rawtypes") // the signature of core's BuildStepDescriptor
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AskCopilotBuilder_DisplayName();
        }

        public ListBoxModel doFillPermissionsItems() {
            return CopilotStepDescriptor.permissionItems();
        }
    }
}
