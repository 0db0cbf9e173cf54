package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import java.io.File;
import java.io.IOException;
import java.util.Collection;
import jenkins.model.Loadable;
import org.kohsuke.stapler.HttpDeletable;
import org.kohsuke.stapler.StaplerProxy;

/**
 * Stub of core {@code hudson.model.AbstractItem} (subset). Stub behaviour: the constructor stores parent and name, and
 * the final name accessors compute as in core ({@code getFullName()} = parent's full name + '/' + name, or the name at
 * top level), because tests cannot override final methods. Everything else throws.
 */
public abstract class AbstractItem extends Actionable
        implements Loadable, Item, HttpDeletable, AccessControlled, DescriptorByNameOwner, StaplerProxy {
    protected transient String name;
    private final transient ItemGroup parent;

    protected AbstractItem(ItemGroup parent, String name) {
        this.parent = parent;
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDisplayName() {
        return getName();
    }

    @Override
    public @NonNull ItemGroup getParent() {
        if (parent == null) {
            throw new IllegalStateException("no parent set on " + getClass().getName() + "[" + name + "]");
        }
        return parent;
    }

    @Override
    public File getRootDir() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract Collection<? extends Job> getAllJobs();

    @Override
    public final String getFullName() {
        String n = getParent().getFullName();
        return n.isEmpty() ? getName() : n + '/' + getName();
    }

    @Override
    public final String getFullDisplayName() {
        String n = getParent().getFullDisplayName();
        return n.isEmpty() ? getDisplayName() : n + " » " + getDisplayName();
    }

    @Override
    public final String getUrl() {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void load() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Object getTarget() {
        throw new UnsupportedOperationException("stub");
    }
}
