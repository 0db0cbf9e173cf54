package io.jenkins.plugins.copilotci;

import dev.copilotci.client.TurnOptions;
import dev.copilotci.job.FindingsThreshold;
import dev.copilotci.job.JobInputs;
import dev.copilotci.job.ReviewFinding;
import dev.copilotci.job.ReviewTask;
import dev.copilotci.client.text.UntrustedText;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.YesNoMaybe;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code copilotReview base: 'origin/main'}: reviews {@code git diff base...HEAD} (or a diff file), returns the
 * findings as a list of plain Maps (file, line, severity, title, message, inDiff), records them on the build page,
 * and marks the build UNSTABLE when a finding reaches {@code unstableOn} — and the step's own node too, so the stage
 * view and Blue Ocean show which stage made the build unstable.
 */
public class CopilotReviewStep extends CopilotStep {
    private String base = "origin/main";
    private String diffFile;
    private String unstableOn;

    @DataBoundConstructor
    public CopilotReviewStep() {
    }

    public String getBase() {
        return base;
    }

    @DataBoundSetter
    public void setBase(String base) {
        this.base = emptyToNull(base) == null ? "origin/main" : base.trim();
    }

    /** A unified diff in the workspace to review instead of running git. */
    public String getDiffFile() {
        return diffFile;
    }

    @DataBoundSetter
    public void setDiffFile(String diffFile) {
        this.diffFile = emptyToNull(diffFile);
    }

    /** error, warning or notice: mark the build UNSTABLE when a finding is at least this severe. */
    public String getUnstableOn() {
        return unstableOn;
    }

    @DataBoundSetter
    public void setUnstableOn(String unstableOn) {
        this.unstableOn = emptyToNull(unstableOn);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /**
     * Parses the review's answer into {@code sink}. The answer is already cleaned and masked, but JSON escapes in it
     * can spell a secret that only parsing makes whole ({@code \u0067hp_…}): the parsed findings pass the session's
     * boundary again before they reach the log, the build page or the step's return value.
     */
    static RecordedPrompt.FindingsOf findingsInto(ReviewTask task, List<ReviewFinding> sink) {
        return (result, output) -> {
            sink.addAll(task.interpret(result.content(), output).findings());
            return sink;
        };
    }

    static final class Execution extends PromptStepExecution {
        private static final long serialVersionUID = 1L;
        private final String base;
        private final String diffFile;
        private final String unstableOn;

        Execution(StepContext context, CopilotReviewStep step) {
            // A review judges the change: its instruction files come from the base, never from the checkout.
            super(context, step.overrides().instructions("base", step.diffFile == null ? step.base : null));
            this.base = step.base;
            this.diffFile = step.diffFile;
            this.unstableOn = step.unstableOn;
        }

        @Override
        protected Object run() throws Exception {
            Optional<FindingsThreshold> threshold;
            try {
                threshold = FindingsThreshold.parse(unstableOn, "copilotReview: unstableOn");
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            TaskListener listener = getContext().get(TaskListener.class);
            String rawDiff = readDiff();
            Optional<ReviewTask> task = ReviewTask.of(rawDiff);
            if (task.isEmpty()) {
                listener.getLogger().println(BuildLogWriter.PREFIX + "no changes to review");
                return List.of();
            }
            task.get().notes().forEach(n -> listener.getLogger().println(BuildLogWriter.PREFIX + "diff: " + n));
            List<ReviewFinding> findings = new ArrayList<>();
            prompt("review", task.get().prompt(), TurnOptions.DEFAULTS, findingsInto(task.get(), findings));
            for (ReviewFinding f : findings) {
                String location = (f.file() == null ? "?" : f.file()) + (f.line() > 0 ? ":" + f.line() : "");
                listener.getLogger().println(BuildLogWriter.PREFIX + "[" + f.severity().label() + "] "
                        + UntrustedText.singleLine(location, 200) + (f.inDiff() ? "" : " (not in the diff)") + " "
                        + UntrustedText.singleLine(f.message(), 300));
            }
            Optional<String> verdict = threshold.flatMap(t -> t.verdict(findings, "marking the build UNSTABLE"));
            if (verdict.isPresent()) {
                listener.getLogger().println(BuildLogWriter.PREFIX + verdict.get());
                getContext().setResult(Result.UNSTABLE);
                // As junit's step does: the build result alone does not say which stage it came from; a
                // WarningAction on this step's node makes the stage view and Blue Ocean show the stage unstable.
                FlowNode node = getContext().get(FlowNode.class);
                if (node != null) {
                    node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(verdict.get()));
                }
            }
            return findings.stream().map(f -> (Map<String, Object>) f.toMap()).toList();
        }

        private String readDiff() throws Exception {
            if (diffFile == null) {
                return WorkspaceGit.diff(getContext(), base);
            }
            FilePath workspace = getContext().get(FilePath.class);
            if (workspace == null) {
                throw new AbortException(Messages.CopilotReviewStep_NeedsWorkspace());
            }
            return WorkspaceFiles.read(workspace, diffFile, JobInputs.DIFF_BYTES, "copilotReview: diff file");
        }
    }

    @Extension(dynamicLoadable = YesNoMaybe.YES)
    public static final class DescriptorImpl extends CopilotStepDescriptor {
        @Override
        public String getFunctionName() {
            return "copilotReview";
        }

        @Override
        public String getDisplayName() {
            return Messages.CopilotReviewStep_DisplayName();
        }
    }
}
