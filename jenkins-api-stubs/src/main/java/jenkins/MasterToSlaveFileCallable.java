package jenkins;

import hudson.FilePath.FileCallable;
import jenkins.security.Roles;
import org.jenkinsci.remoting.RoleChecker;

/**
 * Stub of core 2.479.3 {@code jenkins.MasterToSlaveFileCallable} (the 2.479.3 shape: it implements
 * {@link FileCallable} directly; later cores put {@code ControllerToAgentFileCallable} in between). As upstream,
 * {@link #checkRoles} asks for {@link Roles#SLAVE}.
 *
 * @param <T> the return type
 */
public abstract class MasterToSlaveFileCallable<T> implements FileCallable<T> {
    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
        checker.check(this, Roles.SLAVE);
    }

    private static final long serialVersionUID = 1L;
}
