package hudson.model;

/** Stub of core {@code hudson.model.DescriptorByNameOwner} (its default method omitted). */
public interface DescriptorByNameOwner extends ModelObject {}
