package io.jenkins.plugins.copilotci;

import hudson.model.Item;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;

/**
 * The plugin's permissions, shown as a "Copilot" column group in matrix authorization. EXPLAIN is implied by
 * Item.BUILD (and so by Overall/Administer, which implies BUILD): whoever may rebuild a job may ask why it failed.
 * Core registers a permission when its class initialises: {@link ExplainActionFactory} references it from a static
 * field, so that happens when the extension loads.
 */
public final class CopilotPermissions {
    private CopilotPermissions() {
    }

    /** The titles are Localizables: core renders them in each viewer's locale. */
    public static final PermissionGroup GROUP = new PermissionGroup(CopilotPermissions.class,
            Messages._CopilotPermissions_GroupTitle());

    /** Start a Copilot explanation of a finished build from its page. */
    public static final Permission EXPLAIN = new Permission(GROUP, "Explain",
            Messages._CopilotPermissions_ExplainDescription(), Item.BUILD, PermissionScope.ITEM);
}
