package hudson.search;

import hudson.model.ModelObject;

/** Stub of core {@code hudson.search.SearchableModelObject} (type only). */
public interface SearchableModelObject extends ModelObject, SearchItem {}
