package hudson.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * Stub of core {@code hudson.security.AccessDeniedException3} (subset: {@code reportAsHeaders} omitted). Stub
 * behaviour: as core; the message is core's English {@code AccessDeniedException2.MissingPermission} text.
 */
public class AccessDeniedException3 extends AccessDeniedException {
    public final Authentication authentication;
    public final Permission permission;

    public AccessDeniedException3(Authentication authentication, Permission permission) {
        this(null, authentication, permission);
    }

    public AccessDeniedException3(Throwable t, Authentication authentication, Permission permission) {
        super(authentication.getName() + " is missing the " + permission.group.title + "/" + permission.name
                + " permission", t);
        this.authentication = authentication;
        this.permission = permission;
    }
}
