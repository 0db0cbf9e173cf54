package hudson.model;

/** Stub of core {@code hudson.model.ReconfigurableDescribable} (type only). */
public interface ReconfigurableDescribable<T extends ReconfigurableDescribable<T>> extends Describable<T> {}
