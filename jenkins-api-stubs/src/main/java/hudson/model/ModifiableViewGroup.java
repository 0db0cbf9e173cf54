package hudson.model;

/** Stub of core {@code hudson.model.ModifiableViewGroup} (type only). */
public interface ModifiableViewGroup extends ViewGroup {}
