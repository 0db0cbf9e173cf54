package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import java.io.IOException;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Stub of workflow-step-api {@code EnvironmentExpander} (subset). Pass an instance to a body with
 * {@code withContext(EnvironmentExpander.merge(getContext().get(EnvironmentExpander.class), mine))}.
 */
public abstract class EnvironmentExpander implements Serializable {
    public abstract void expand(@NonNull EnvVars env) throws IOException, InterruptedException;

    public @NonNull Set<String> getSensitiveVariables() {
        return Collections.emptySet();
    }

    public static EnvironmentExpander constant(@NonNull Map<String, String> env) {
        throw new UnsupportedOperationException("stub");
    }

    public static EnvironmentExpander merge(@CheckForNull EnvironmentExpander original,
            @NonNull EnvironmentExpander subsequent) {
        throw new UnsupportedOperationException("stub");
    }

    private static final long serialVersionUID = 1L;
}
