package io.jenkins.plugins.copilotci;

import hudson.model.Item;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import org.jvnet.localizer.Localizable;
import org.jvnet.localizer.ResourceBundleHolder;

/**
 * The plugin's permissions, shown as a "Copilot" column group in matrix authorization. EXPLAIN is implied by
 * Item.BUILD (and so by Overall/Administer, which implies BUILD): whoever may rebuild a job may ask why it failed.
 * Core registers a permission when its class initialises: {@link ExplainActionFactory} references it from a static
 * field, so that happens when the extension loads.
 */
public final class CopilotPermissions {
    private CopilotPermissions() {
    }

    private static final ResourceBundleHolder TEXT = ResourceBundleHolder.get(CopilotPermissions.class);

    public static final PermissionGroup GROUP = new PermissionGroup(CopilotPermissions.class,
            new Localizable(TEXT, "GroupTitle"));

    /** Start a Copilot explanation of a finished build from its page. */
    public static final Permission EXPLAIN = new Permission(GROUP, "Explain", new Localizable(TEXT, "ExplainDescription"),
            Item.BUILD, PermissionScope.ITEM);
}
