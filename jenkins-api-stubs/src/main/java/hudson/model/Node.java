package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import hudson.slaves.NodeDescriptor;
import jenkins.util.io.OnMaster;

/** Stub of core {@code hudson.model.Node} (type and descriptor only; present as a supertype of {@code Jenkins}). */
public abstract class Node extends AbstractModelObject
        implements ReconfigurableDescribable<Node>, ExtensionPoint, AccessControlled, OnMaster, PersistenceRoot {
    @Override
    public abstract NodeDescriptor getDescriptor();
}
