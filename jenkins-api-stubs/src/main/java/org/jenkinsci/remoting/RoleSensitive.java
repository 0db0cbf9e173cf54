package org.jenkinsci.remoting;

/**
 * Stub of remoting 3261.v9c670a_4748a_9 {@code RoleSensitive}: a callable says which side of a channel may run it.
 */
public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
