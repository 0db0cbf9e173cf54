package org.kohsuke.stapler;

/** Stub of stapler {@code StaplerFallback} (type only; {@code getStaplerFallback()} omitted, Jenkins narrows it to View). */
public interface StaplerFallback {}
