package hudson;

/** Stub of core {@code hudson.ExtensionPoint} (marker; nested {@code LegacyInstancesAreScopedToHudson} omitted). */
public interface ExtensionPoint {}
