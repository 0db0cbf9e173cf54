package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Iterator;
import org.jvnet.localizer.Localizable;

/**
 * Stub of core {@code hudson.security.PermissionGroup}. Stub behaviour: the constructor only stores its arguments
 * (core also registers the group), so that the permission constants in the stubs can be initialised.
 */
public final class PermissionGroup implements Iterable<Permission>, Comparable<PermissionGroup> {
    public final Class owner;
    public final Localizable title;

    public PermissionGroup(@NonNull Class owner, Localizable title) throws IllegalStateException {
        this.owner = owner;
        this.title = title;
    }

    @Override
    public Iterator<Permission> iterator() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int compareTo(PermissionGroup that) {
        throw new UnsupportedOperationException("stub");
    }
}
