package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.security.Permission;
import jenkins.model.Jenkins;

/**
 * Stub of core {@code hudson.model.ManagementLink} (2.479.3). {@code getDescription}, {@code getRequiresConfirmation},
 * {@code getRequiredPermission} ({@code Jenkins.ADMINISTER}), {@code getRequiresPOST}, {@code getCategoryName} and
 * {@code getCategory} behave as core's (core also logs an invalid category name). {@code LIST}, {@code all()},
 * {@code getBadge()} and {@code Category}'s localized label are omitted.
 */
public abstract class ManagementLink implements ExtensionPoint, Action {

    @Override
    public abstract @CheckForNull String getIconFileName();

    public String getDescription() {
        return "";
    }

    @Override
    public abstract @CheckForNull String getUrlName();

    public boolean getRequiresConfirmation() {
        return false;
    }

    public @NonNull Permission getRequiredPermission() {
        return Jenkins.ADMINISTER;
    }

    public boolean getRequiresPOST() {
        return false;
    }

    protected @NonNull String getCategoryName() {
        return "UNCATEGORIZED";
    }

    public @NonNull Category getCategory() {
        try {
            return Category.valueOf(getCategoryName());
        } catch (RuntimeException e) {
            return Category.UNCATEGORIZED;
        }
    }

    public enum Category {
        CONFIGURATION,
        SECURITY,
        STATUS,
        TROUBLESHOOTING,
        TOOLS,
        MISC,
        UNCATEGORIZED;
    }
}
