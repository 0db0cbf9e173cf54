package org.jenkinsci.remoting;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/**
 * Stub of remoting 3261.v9c670a_4748a_9 {@code RoleChecker}. As upstream, the single-role and varargs overloads
 * delegate to the abstract collection overload (a test subclass records what a callable asks for).
 */
public abstract class RoleChecker {
    public abstract void check(@NonNull RoleSensitive subject, @NonNull Collection<Role> expected)
            throws SecurityException;

    public void check(@NonNull RoleSensitive subject, @NonNull Role expected) throws SecurityException {
        check(subject, Set.of(expected));
    }

    public void check(@NonNull RoleSensitive subject, Role... expected) throws SecurityException {
        check(subject, Arrays.asList(expected));
    }
}
