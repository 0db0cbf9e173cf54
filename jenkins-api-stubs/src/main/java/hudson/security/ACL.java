package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import jenkins.model.Jenkins;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Stub of core {@code hudson.security.ACL} (subset). {@link #SYSTEM2} is core's spring
 * {@code UsernamePasswordAuthenticationToken("SYSTEM", "SYSTEM")}; {@link #checkPermission} and {@link #hasPermission}
 * are core's (they read {@code Jenkins.getAuthentication2()}, the thread's spring-security context).
 */
public abstract class ACL {
    public static final Authentication SYSTEM2 = new UsernamePasswordAuthenticationToken("SYSTEM", "SYSTEM");

    /** As core: SYSTEM passes; otherwise {@link #hasPermission2} decides, a denial names the enabled permission. */
    public final void checkPermission(@NonNull Permission p) {
        Authentication a = Jenkins.getAuthentication2();
        if (a.equals(SYSTEM2)) {
            return;
        }
        if (!hasPermission2(a, p)) {
            while (!p.enabled && p.impliedBy != null) {
                p = p.impliedBy;
            }
            throw new AccessDeniedException3(a, p);
        }
    }

    /** As core. */
    public final boolean hasPermission(@NonNull Permission p) {
        Authentication a = Jenkins.getAuthentication2();
        if (a.equals(SYSTEM2)) {
            return true;
        }
        return hasPermission2(a, p);
    }

    /** Core's body bridges to the deprecated acegi overload (not stubbed), else fails as here: implement it. */
    public boolean hasPermission2(@NonNull Authentication a, @NonNull Permission permission) {
        throw new AbstractMethodError("implement hasPermission2");
    }

    /** Runs the caller's block as {@code auth}; close the returned context to restore the previous one. */
    @NonNull
    public static ACLContext as2(@NonNull Authentication auth) {
        throw new UnsupportedOperationException("stub");
    }

    public static boolean isAnonymous2(@NonNull Authentication authentication) {
        throw new UnsupportedOperationException("stub");
    }
}
