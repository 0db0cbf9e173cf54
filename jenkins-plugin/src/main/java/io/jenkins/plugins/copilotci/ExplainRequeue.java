package io.jenkins.plugins.copilotci;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Run;
import hudson.model.listeners.ItemListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.YesNoMaybe;

/**
 * After a restart: core calls {@code onLoaded} once every job is loaded (from the Jenkins constructor), so builds
 * resolve by id; explanations that were queued or running when the controller stopped are queued again. Looked up as
 * SYSTEM: {@code Run.fromExternalizableId} finds only jobs the current caller may read.
 */
@Extension(dynamicLoadable = YesNoMaybe.YES)
public final class ExplainRequeue extends ItemListener {
    private static final Logger LOGGER = Logger.getLogger(ExplainRequeue.class.getName());

    @Override
    public void onLoaded() {
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            int n = ExtensionList.lookupSingleton(FailureExplainer.class).requeuePending(Run::fromExternalizableId);
            if (n > 0) {
                LOGGER.info(() -> "Copilot: re-queued " + n + " interrupted failure explanation(s)");
            }
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Copilot: could not re-queue interrupted explanations", e);
        }
    }
}
