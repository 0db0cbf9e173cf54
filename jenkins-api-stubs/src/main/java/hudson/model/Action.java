package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Stub of core {@code hudson.model.Action}. */
public interface Action extends ModelObject {
    @CheckForNull
    String getIconFileName();

    @Override
    @CheckForNull
    String getDisplayName();

    @CheckForNull
    String getUrlName();
}
