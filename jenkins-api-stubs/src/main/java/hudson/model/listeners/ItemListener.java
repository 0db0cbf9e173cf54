package hudson.model.listeners;

import hudson.ExtensionPoint;

/**
 * Stub of core {@code hudson.model.listeners.ItemListener} (subset). Core calls {@link #onLoaded()} once, from the
 * {@code Jenkins} constructor after every job has been loaded from disk (not on "Reload Configuration from Disk").
 * Stub behaviour: core's empty default.
 */
public class ItemListener implements ExtensionPoint {
    public void onLoaded() {
    }
}
