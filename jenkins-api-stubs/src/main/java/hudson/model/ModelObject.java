package hudson.model;

/** Stub of core {@code hudson.model.ModelObject}. */
public interface ModelObject {
    String getDisplayName();
}
