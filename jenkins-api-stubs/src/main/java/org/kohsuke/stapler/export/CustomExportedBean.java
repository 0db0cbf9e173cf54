package org.kohsuke.stapler.export;

/** Stub of stapler {@code export.CustomExportedBean}. */
public interface CustomExportedBean {
    Object toExportedObject();
}
