package org.jenkins.ui.icon;

/** Stub of core {@code org.jenkins.ui.icon.IconSpec}. */
public interface IconSpec {
    String getIconClassName();
}
