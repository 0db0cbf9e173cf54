package com.cloudbees.hudson.plugins.folder;

import hudson.model.Descriptor;

/** Stub of cloudbees-folder {@code AbstractFolderPropertyDescriptor} (subset: implicit constructor, as real). */
public abstract class AbstractFolderPropertyDescriptor extends Descriptor<AbstractFolderProperty<?>> {}
