package hudson.model;

import java.io.IOException;

/** Stub of core {@code hudson.model.Saveable} ({@code NOOP} constant omitted). */
public interface Saveable {
    void save() throws IOException;
}
