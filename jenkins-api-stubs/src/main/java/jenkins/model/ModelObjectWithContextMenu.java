package jenkins.model;

import hudson.model.ModelObject;

/** Stub of core {@code jenkins.model.ModelObjectWithContextMenu} (type only; context-menu members omitted). */
public interface ModelObjectWithContextMenu extends ModelObject {}
