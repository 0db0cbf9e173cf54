package com.cloudbees.hudson.plugins.folder;

import hudson.model.AbstractItem;
import hudson.model.ItemGroup;
import hudson.model.ModifiableViewGroup;
import hudson.model.TopLevelItem;
import hudson.util.DescribableList;
import jenkins.model.ModelObjectWithChildren;
import org.jenkins.ui.icon.IconSpec;
import org.kohsuke.stapler.StaplerFallback;
import org.kohsuke.stapler.StaplerOverridable;

/**
 * Stub of cloudbees-folder {@code AbstractFolder} (subset: the constructor and {@code getProperties()}). Stub
 * behaviour: the properties list is an in-memory {@link DescribableList}, as the real field before the folder is saved.
 */
public abstract class AbstractFolder<I extends TopLevelItem> extends AbstractItem
        implements TopLevelItem, ItemGroup<I>, ModifiableViewGroup, StaplerFallback, ModelObjectWithChildren,
        StaplerOverridable, IconSpec {
    private final transient DescribableList<AbstractFolderProperty<?>, AbstractFolderPropertyDescriptor> properties =
            new DescribableList<>(this, java.util.List.of());

    protected AbstractFolder(ItemGroup parent, String name) {
        super(parent, name);
    }

    public DescribableList<AbstractFolderProperty<?>, AbstractFolderPropertyDescriptor> getProperties() {
        return properties;
    }
}
