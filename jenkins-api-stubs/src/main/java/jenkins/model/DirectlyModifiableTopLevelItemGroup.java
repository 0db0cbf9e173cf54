package jenkins.model;

/** Stub of core {@code jenkins.model.DirectlyModifiableTopLevelItemGroup} (type only). */
public interface DirectlyModifiableTopLevelItemGroup extends ModifiableTopLevelItemGroup {}
