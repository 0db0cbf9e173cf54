package jenkins.model;

import hudson.model.ModifiableItemGroup;
import hudson.model.TopLevelItem;

/** Stub of core {@code jenkins.model.ModifiableTopLevelItemGroup} (type only). */
public interface ModifiableTopLevelItemGroup extends ModifiableItemGroup<TopLevelItem> {}
