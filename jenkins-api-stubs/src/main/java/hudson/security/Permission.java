package hudson.security;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import org.jvnet.localizer.Localizable;

/**
 * Stub of core {@code hudson.security.Permission} (subset). Stub behaviour: the two constructors below only store their
 * arguments (core also validates and registers), so that constants such as {@code Jenkins.ADMINISTER} and
 * {@code Item.CONFIGURE} exist as distinct objects; {@link #getId()} and {@link #toString()} are as in core.
 */
public final class Permission {
    public final @NonNull Class owner;
    public final @NonNull PermissionGroup group;
    public final @NonNull String name;
    public final @CheckForNull Localizable description;
    public final @CheckForNull Permission impliedBy;

    @Deprecated
    public Permission(@NonNull PermissionGroup group, @NonNull String name, @CheckForNull Localizable description,
            @CheckForNull Permission impliedBy) {
        this.owner = group.owner;
        this.group = group;
        this.name = name;
        this.description = description;
        this.impliedBy = impliedBy;
    }

    @Deprecated
    public Permission(@NonNull PermissionGroup group, @NonNull String name, @CheckForNull Permission impliedBy) {
        this(group, name, null, impliedBy);
    }

    public @NonNull String getId() {
        return owner.getName() + '.' + name;
    }

    @Override
    public String toString() {
        return "Permission[" + owner + ',' + name + ']';
    }

    @Deprecated
    public static final PermissionGroup HUDSON_PERMISSIONS = new PermissionGroup(Permission.class, null);

    @Deprecated
    public static final Permission HUDSON_ADMINISTER = new Permission(HUDSON_PERMISSIONS, "Administer", null, null);

    public static final PermissionGroup GROUP = new PermissionGroup(Permission.class, null);

    @Deprecated
    public static final Permission FULL_CONTROL = new Permission(GROUP, "FullControl", null, HUDSON_ADMINISTER);

    public static final Permission READ = new Permission(GROUP, "GenericRead", null, HUDSON_ADMINISTER);
    public static final Permission WRITE = new Permission(GROUP, "GenericWrite", null, HUDSON_ADMINISTER);
    public static final Permission CREATE = new Permission(GROUP, "GenericCreate", null, WRITE);
    public static final Permission UPDATE = new Permission(GROUP, "GenericUpdate", null, WRITE);
    public static final Permission DELETE = new Permission(GROUP, "GenericDelete", null, WRITE);
    public static final Permission CONFIGURE = new Permission(GROUP, "GenericConfigure", null, UPDATE);
}
