package hudson.security;

/** Stub of core {@code hudson.security.ACLContext} (package-private constructor, as in core). */
public class ACLContext implements AutoCloseable {
    ACLContext() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("stub");
    }
}
