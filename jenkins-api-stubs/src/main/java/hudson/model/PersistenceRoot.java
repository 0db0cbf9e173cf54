package hudson.model;

import java.io.File;

/** Stub of core {@code hudson.model.PersistenceRoot}. */
public interface PersistenceRoot extends Saveable {
    File getRootDir();
}
