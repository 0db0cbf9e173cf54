package hudson.model;

import hudson.search.SearchableModelObject;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import java.io.IOException;
import jenkins.util.io.OnMaster;

/**
 * Stub of core {@code hudson.model.Item} (subset of members). The permission constants exist as distinct objects
 * (see {@link Permission}); their implication graph mirrors core's for the ones listed.
 */
public interface Item extends PersistenceRoot, SearchableModelObject, AccessControlled, OnMaster {
    ItemGroup<? extends Item> getParent();

    String getName();

    String getFullName();

    @Override
    String getDisplayName();

    String getFullDisplayName();

    String getUrl();

    @Override
    void save() throws IOException;

    PermissionGroup PERMISSIONS = new PermissionGroup(Item.class, null);
    Permission CREATE = new Permission(PERMISSIONS, "Create", null, Permission.CREATE);
    Permission DELETE = new Permission(PERMISSIONS, "Delete", null, Permission.DELETE);
    Permission CONFIGURE = new Permission(PERMISSIONS, "Configure", null, Permission.CONFIGURE);
    Permission READ = new Permission(PERMISSIONS, "Read", null, Permission.READ);
    Permission DISCOVER = new Permission(PERMISSIONS, "Discover", null, READ);
    Permission EXTENDED_READ = new Permission(PERMISSIONS, "ExtendedRead", null, CONFIGURE);
    Permission BUILD = new Permission(PERMISSIONS, "Build", null, Permission.UPDATE);
    Permission WORKSPACE = new Permission(PERMISSIONS, "Workspace", null, Permission.READ);
    Permission CANCEL = new Permission(PERMISSIONS, "Cancel", null, Permission.UPDATE);
}
