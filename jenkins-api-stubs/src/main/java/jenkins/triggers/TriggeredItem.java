package jenkins.triggers;

import hudson.model.Item;

/** Stub of core {@code jenkins.triggers.TriggeredItem} (type only). */
public interface TriggeredItem extends Item {
}
