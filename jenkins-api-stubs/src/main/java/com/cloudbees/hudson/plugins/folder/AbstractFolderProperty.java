package com.cloudbees.hudson.plugins.folder;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;
import hudson.model.ReconfigurableDescribable;

/** Stub of cloudbees-folder {@code AbstractFolderProperty} (subset: the owner field; implicit constructor as real). */
public abstract class AbstractFolderProperty<C extends AbstractFolder<?>>
        extends AbstractDescribableImpl<AbstractFolderProperty<?>>
        implements ExtensionPoint, ReconfigurableDescribable<AbstractFolderProperty<?>> {
    protected transient C owner;
}
