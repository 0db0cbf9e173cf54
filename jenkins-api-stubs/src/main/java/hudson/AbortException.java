package hudson;

import java.io.IOException;

/**
 * Stub of core {@code hudson.AbortException}: a build failure whose message is shown without a stack trace. Stub
 * behaviour: a plain exception as in core (constructors work), since plugin code throws it.
 */
public class AbortException extends IOException {
    public AbortException() {}

    public AbortException(String message) {
        super(message);
    }

    private static final long serialVersionUID = 1L;
}
