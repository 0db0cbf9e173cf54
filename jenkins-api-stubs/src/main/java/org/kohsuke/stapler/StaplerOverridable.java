package org.kohsuke.stapler;

import java.util.Collection;

/** Stub of stapler {@code StaplerOverridable}. */
public interface StaplerOverridable {
    Collection<?> getOverrides();
}
