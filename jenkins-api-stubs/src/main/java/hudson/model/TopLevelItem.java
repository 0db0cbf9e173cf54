package hudson.model;

import hudson.ExtensionPoint;

/** Stub of core {@code hudson.model.TopLevelItem} (type only; the covariant {@code getDescriptor} is omitted). */
public interface TopLevelItem extends Item, ExtensionPoint, Describable<TopLevelItem> {}
