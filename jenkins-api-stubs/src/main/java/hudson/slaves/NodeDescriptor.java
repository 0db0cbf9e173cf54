package hudson.slaves;

import hudson.model.Descriptor;
import hudson.model.Node;

/** Stub of core {@code hudson.slaves.NodeDescriptor} (type only). */
public abstract class NodeDescriptor extends Descriptor<Node> {
    protected NodeDescriptor(Class<? extends Node> clazz) {
        super(clazz);
    }

    protected NodeDescriptor() {}
}
