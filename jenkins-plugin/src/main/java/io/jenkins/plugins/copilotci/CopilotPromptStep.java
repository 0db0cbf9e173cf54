package io.jenkins.plugins.copilotci;

import dev.copilotci.client.Attachment;
import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnResult;
import dev.copilotci.job.JobInputs;
import dev.copilotci.job.JobOutput;
import dev.copilotci.client.text.UntrustedText;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.YesNoMaybe;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code copilotPrompt 'Explain ...'}: one prompt. Inside {@code withCopilot} it continues the block's conversation;
 * outside, it opens and closes its own session with the global defaults. Returns the answer, or with
 * {@code returnDetails: true} a Map of content, model, tokens, duration and sessionId.
 */
public class CopilotPromptStep extends CopilotInstructionsStep {
    private final String prompt;
    private boolean returnDetails;
    private int attachLog;
    private List<String> files = List.of();
    private String diff;

    @DataBoundConstructor
    public CopilotPromptStep(String prompt) {
        this.prompt = prompt;
    }

    public String getPrompt() {
        return prompt;
    }

    public boolean isReturnDetails() {
        return returnDetails;
    }

    @DataBoundSetter
    public void setReturnDetails(boolean returnDetails) {
        this.returnDetails = returnDetails;
    }

    /** Attach the last N lines of this build's log (secrets masked). */
    public int getAttachLog() {
        return attachLog;
    }

    @DataBoundSetter
    public void setAttachLog(int attachLog) {
        this.attachLog = Math.max(0, attachLog);
    }

    /** Workspace files to attach (inside {@code node}). */
    public List<String> getFiles() {
        return files;
    }

    @DataBoundSetter
    public void setFiles(List<String> files) {
        this.files = files == null ? List.of() : List.copyOf(files);
    }

    /** A git ref: attach {@code git diff <ref>...HEAD} of the workspace (inside {@code node}). */
    public String getDiff() {
        return diff;
    }

    @DataBoundSetter
    public void setDiff(String diff) {
        this.diff = emptyToNull(diff);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    static final class Execution extends PromptStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient CopilotPromptStep step;

        Execution(StepContext context, CopilotPromptStep step) {
            super(context, step.overrides());
            this.step = step;
        }

        @Override
        protected Object run() throws Exception {
            if (step.prompt == null || step.prompt.isBlank()) {
                throw new AbortException(Messages.CopilotPromptStep_EmptyPrompt());
            }
            TurnResult r = prompt("prompt", step.prompt,
                    session -> TurnOptions.DEFAULTS.withAttachments(attachments(session.output())),
                    RecordedPrompt.FindingsOf.NONE);
            if (!step.returnDetails) {
                return r.content();
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("content", r.content());
            details.put("model", r.usage().model());
            details.put("inputTokens", r.usage().inputTokens());
            details.put("outputTokens", r.usage().outputTokens());
            details.put("tokens", r.usage().totalTokens());
            details.put("durationMillis", r.duration().toMillis());
            details.put("sessionId", r.sessionId());
            details.put("recoveryNote", r.recoveryNote());
            return details;
        }

        private List<Attachment> attachments(JobOutput output) throws Exception {
            List<Attachment> list = new ArrayList<>();
            StepContext context = getContext();
            if (step.attachLog > 0) {
                list.add(logAttachment(context.get(Run.class), step.attachLog, output));
            }
            FilePath workspace = context.get(FilePath.class);
            if ((!step.files.isEmpty() || step.diff != null) && workspace == null) {
                throw new AbortException(Messages.CopilotPromptStep_NeedsWorkspace());
            }
            for (String f : step.files) {
                String text = WorkspaceFiles.read(workspace, f, JobInputs.ATTACHMENT_BYTES, "copilotPrompt: file");
                list.add(Attachment.text(f, output.toModel(text)));
            }
            if (step.diff != null) {
                String diffText = WorkspaceGit.diff(context, step.diff);
                list.add(Attachment.text("changes.diff", output.toModel(diffText)));
            }
            if (!list.isEmpty()) {
                context.get(TaskListener.class).getLogger().println(BuildLogWriter.PREFIX + "attached "
                        + list.size() + " item(s)");
            }
            return list;
        }
    }

    /** The last {@code lines} lines of the build log, as plain text with this session's secrets masked. */
    static Attachment logAttachment(Run<?, ?> run, int lines, JobOutput output) throws java.io.IOException {
        return Attachment.text("build-log.txt", output.toModel(UntrustedText.forPrompt(BuildLogs.lastLines(run, lines))));
    }

    @Extension(dynamicLoadable = YesNoMaybe.YES)
    public static final class DescriptorImpl extends CopilotStepDescriptor {
        @Override
        public String getFunctionName() {
            return "copilotPrompt";
        }

        @Override
        public String getDisplayName() {
            return Messages.CopilotPromptStep_DisplayName();
        }

        /** Pipeline Graph View row label: the start of the prompt, never all of it. */
        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            Object p = namedArgs.get("prompt");
            return p == null ? null : UntrustedText.singleLine(p.toString(), 60);
        }
    }
}
