package hudson.model;

/** Stub of core {@code hudson.model.ResourceController}: present as the superclass of {@link Queue}; no members. */
public class ResourceController {
}
