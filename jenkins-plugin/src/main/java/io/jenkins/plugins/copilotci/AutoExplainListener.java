package io.jenkins.plugins.copilotci;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.YesNoMaybe;

/**
 * Auto-explain: every completed build goes to {@link FailureExplainer}, which decides and queues in the background.
 * Only a queued explanation is announced in the log; nothing here can fail or delay the build, or change its result.
 */
@Extension(dynamicLoadable = YesNoMaybe.YES)
public final class AutoExplainListener extends RunListener<Run<?, ?>> {
    private static final Logger LOGGER = Logger.getLogger(AutoExplainListener.class.getName());
    private final Supplier<FailureExplainer> explainer;

    public AutoExplainListener() {
        this(() -> ExtensionList.lookupSingleton(FailureExplainer.class));
    }

    AutoExplainListener(Supplier<FailureExplainer> explainer) {
        this.explainer = explainer;
    }

    @Override
    public void onCompleted(Run<?, ?> run, TaskListener listener) {
        try {
            if (explainer.get().onCompleted(run)) {
                listener.getLogger().println(BuildLogWriter.PREFIX + "explaining this failure in the background;"
                        + " the answer appears on the build's Copilot page");
            }
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "auto-explain of " + run + " not queued", e);
        }
    }
}
