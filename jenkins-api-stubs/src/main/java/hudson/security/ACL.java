package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Stub of core {@code hudson.security.ACL} (subset). {@link #SYSTEM2} is a distinct constant named "SYSTEM" as in core
 * (core builds a spring {@code UsernamePasswordAuthenticationToken}; the stub uses a private equivalent so that it
 * needs nothing beyond spring-security-core's interfaces).
 */
public abstract class ACL {
    public static final Authentication SYSTEM2 = new SystemAuthentication();

    public final void checkPermission(@NonNull Permission p) {
        throw new UnsupportedOperationException("stub");
    }

    public final boolean hasPermission(@NonNull Permission p) {
        throw new UnsupportedOperationException("stub");
    }

    public boolean hasPermission2(@NonNull Authentication a, @NonNull Permission permission) {
        throw new UnsupportedOperationException("stub");
    }

    /** Runs the caller's block as {@code auth}; close the returned context to restore the previous one. */
    @NonNull
    public static ACLContext as2(@NonNull Authentication auth) {
        throw new UnsupportedOperationException("stub");
    }

    public static boolean isAnonymous2(@NonNull Authentication authentication) {
        throw new UnsupportedOperationException("stub");
    }

    /** The controller's own identity (stub representation of core's SYSTEM token). */
    private static final class SystemAuthentication implements Authentication {
        private static final long serialVersionUID = 1L;

        @Override
        public Collection<? extends GrantedAuthority> getAuthorities() {
            return List.of();
        }

        @Override
        public Object getCredentials() {
            return "SYSTEM";
        }

        @Override
        public Object getDetails() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return "SYSTEM";
        }

        @Override
        public boolean isAuthenticated() {
            return false;
        }

        @Override
        public void setAuthenticated(boolean isAuthenticated) {
            throw new IllegalArgumentException("immutable");
        }

        @Override
        public String getName() {
            return "SYSTEM";
        }
    }
}
