package org.kohsuke.stapler;

/** Stub of stapler {@code StaplerProxy}. */
public interface StaplerProxy {
    Object getTarget();
}
