package jenkins.console;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Stub of core {@code jenkins.console.WithConsoleUrl} (Beta-restricted in core). */
public interface WithConsoleUrl {
    @CheckForNull
    String getConsoleUrl();
}
