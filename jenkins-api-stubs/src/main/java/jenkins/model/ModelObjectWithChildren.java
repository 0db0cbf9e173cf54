package jenkins.model;

import hudson.model.ModelObject;

/** Stub of core {@code jenkins.model.ModelObjectWithChildren} (type only). */
public interface ModelObjectWithChildren extends ModelObject {}
