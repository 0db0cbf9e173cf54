package hudson.model;

import hudson.search.SearchableModelObject;

/** Stub of core {@code hudson.model.AbstractModelObject} (type only; implicit constructor as in core). */
public abstract class AbstractModelObject implements SearchableModelObject {}
