package jenkins.model;

import java.io.IOException;

/** Stub of core {@code jenkins.model.Loadable}. */
public interface Loadable {
    void load() throws IOException;
}
