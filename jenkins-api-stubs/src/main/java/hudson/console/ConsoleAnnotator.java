package hudson.console;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.MarkupText;
import java.io.Serializable;

/** Stub of core {@code hudson.console.ConsoleAnnotator} (abstract member only). */
public abstract class ConsoleAnnotator<T> implements Serializable {
    @CheckForNull
    public abstract ConsoleAnnotator<T> annotate(@NonNull T context, @NonNull MarkupText text);
}
