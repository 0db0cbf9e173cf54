package hudson.model;

/** Stub of core {@code hudson.model.Describable}. */
public interface Describable<T extends Describable<T>> {
    Descriptor<T> getDescriptor();
}
