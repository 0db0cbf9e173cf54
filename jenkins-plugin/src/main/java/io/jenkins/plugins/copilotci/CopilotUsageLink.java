package io.jenkins.plugins.copilotci;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.ManagementLink;
import hudson.security.AccessControlled;
import java.util.Map;
import java.util.function.Supplier;
import jenkins.YesNoMaybe;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerProxy;

/**
 * Manage Jenkins → Copilot usage: the controller-wide counters of {@link CopilotUsage}, in total and per folder.
 * Administrators only: the link is shown to them alone ({@link #getRequiredPermission()}), and every request to the
 * page checks the permission again ({@link #getTarget()}), since hiding a link does not protect its URL.
 */
@Extension(dynamicLoadable = YesNoMaybe.YES)
public final class CopilotUsageLink extends ManagementLink implements StaplerProxy {
    static final String URL_NAME = "copilot-usage";

    private final CopilotUsage usage;
    private final Supplier<AccessControlled> controller;

    /** Jenkins' instance: the counters in a JSON file in JENKINS_HOME. */
    public CopilotUsageLink() {
        this(new CopilotUsage(CopilotUsage.jsonFile(Jenkins.get().getRootDir().toPath()
                .resolve(CopilotUsage.class.getName() + ".json"))), Jenkins::get);
    }

    CopilotUsageLink(CopilotUsage usage, Supplier<AccessControlled> controller) {
        this.usage = usage;
        this.controller = controller;
    }

    /**
     * The controller's counters, or {@code null} where no Jenkins runs (the compile-only stubs throw
     * UnsupportedOperationException; before startup ExtensionList throws IllegalStateException).
     */
    static CopilotUsage lookup() {
        try {
            return ExtensionList.lookupSingleton(CopilotUsageLink.class).usage;
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return null;
        }
    }

    /** Stapler asks for the page's object first: only administrators get it. */
    @Override
    public Object getTarget() {
        controller.get().checkPermission(Jenkins.ADMINISTER);
        return this;
    }

    public CopilotUsage.Counters getTotal() {
        return usage.total();
    }

    public Map<String, CopilotUsage.Counters> getFolders() {
        return usage.perFolder();
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return Messages.CopilotUsageLink_DisplayName();
    }

    @Override
    public String getDescription() {
        return Messages.CopilotUsageLink_Description();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public Category getCategory() {
        return Category.STATUS;
    }
}
