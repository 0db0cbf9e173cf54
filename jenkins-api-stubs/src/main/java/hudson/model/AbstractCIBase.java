package hudson.model;

import hudson.security.AccessControlled;
import org.kohsuke.stapler.StaplerFallback;
import org.kohsuke.stapler.StaplerProxy;

/** Stub of core {@code hudson.model.AbstractCIBase} (type only; present as the superclass of {@code Jenkins}). */
public abstract class AbstractCIBase extends Node
        implements ItemGroup<TopLevelItem>, StaplerProxy, StaplerFallback, ViewGroup, AccessControlled,
                DescriptorByNameOwner {
    @Override
    public String getUrl() {
        throw new UnsupportedOperationException("stub");
    }
}
