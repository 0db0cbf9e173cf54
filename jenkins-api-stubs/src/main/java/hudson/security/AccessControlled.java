package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import jenkins.model.Jenkins;
import org.springframework.security.access.AccessDeniedException;

/** Stub of core {@code hudson.security.AccessControlled} (deprecated acegi overload omitted). */
public interface AccessControlled {
    @NonNull
    ACL getACL();

    /** As core: SYSTEM passes, otherwise {@code getACL().checkPermission}. */
    default void checkPermission(@NonNull Permission permission) throws AccessDeniedException {
        if (Jenkins.getAuthentication2().equals(ACL.SYSTEM2)) {
            return;
        }
        getACL().checkPermission(permission);
    }

    default void checkAnyPermission(@NonNull Permission... permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("stub");
    }

    /** As core: SYSTEM may, otherwise {@code getACL().hasPermission}. */
    default boolean hasPermission(@NonNull Permission permission) {
        if (Jenkins.getAuthentication2().equals(ACL.SYSTEM2)) {
            return true;
        }
        return getACL().hasPermission(permission);
    }

    default boolean hasAnyPermission(@NonNull Permission... permission) {
        throw new UnsupportedOperationException("stub");
    }
}
