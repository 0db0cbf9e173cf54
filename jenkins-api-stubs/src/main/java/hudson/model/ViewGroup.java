package hudson.model;

import hudson.security.AccessControlled;

/** Stub of core {@code hudson.model.ViewGroup} (type only). */
public interface ViewGroup extends Saveable, ModelObject, AccessControlled {}
