package jenkins.util.io;

/** Stub of core {@code jenkins.util.io.OnMaster} (marker). */
public interface OnMaster {}
