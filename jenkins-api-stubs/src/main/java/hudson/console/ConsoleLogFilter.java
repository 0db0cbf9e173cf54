package hudson.console;

import hudson.ExtensionPoint;
import hudson.model.Run;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Stub of core {@code hudson.console.ConsoleLogFilter} (subset: the deprecated {@code AbstractBuild} and the
 * {@code Computer} overloads and {@code all()} are omitted). Override {@link #decorateLogger(Run, OutputStream)}.
 */
public abstract class ConsoleLogFilter implements ExtensionPoint {
    public OutputStream decorateLogger(Run build, OutputStream logger) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }
}
