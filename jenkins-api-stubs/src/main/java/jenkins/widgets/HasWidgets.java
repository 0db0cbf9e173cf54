package jenkins.widgets;

/** Stub of core {@code jenkins.widgets.HasWidgets} (type only). */
public interface HasWidgets {}
