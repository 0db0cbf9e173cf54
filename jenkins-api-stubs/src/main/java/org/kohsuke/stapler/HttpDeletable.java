package org.kohsuke.stapler;

/** Stub of stapler {@code HttpDeletable} (type only; its default {@code delete} methods are omitted). */
public interface HttpDeletable {}
