package hudson.model;

/** Stub of core {@code hudson.model.BuildableItem} (type only). */
public interface BuildableItem extends Item, Queue.Task {
}
