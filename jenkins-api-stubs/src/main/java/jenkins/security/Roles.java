package jenkins.security;

import org.jenkinsci.remoting.Role;

/** Stub of core 2.479.3 {@code jenkins.security.Roles}: the two predefined roles, as upstream. */
public class Roles {
    /** A callable that runs on the controller, requested by an agent. */
    public static final Role MASTER = new Role("master");

    /** A callable meant to run on an agent. */
    public static final Role SLAVE = new Role("slave");

    private Roles() {}
}
