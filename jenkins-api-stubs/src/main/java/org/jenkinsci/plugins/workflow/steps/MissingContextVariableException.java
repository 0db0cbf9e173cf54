package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Stub of workflow-step-api {@code MissingContextVariableException} (provider suggestions in the message and
 * {@code getProviders()} need a running Jenkins and are omitted).
 */
public class MissingContextVariableException extends Exception {
    private final @NonNull Class<?> type;
    private final @CheckForNull String functionName;

    @Deprecated
    public MissingContextVariableException(@NonNull Class<?> type) {
        this(type, null);
    }

    public MissingContextVariableException(@NonNull Class<?> type, @CheckForNull StepDescriptor d) {
        this.type = type;
        this.functionName = d != null ? d.getFunctionName() : null;
    }

    public Class<?> getType() {
        return type;
    }

    @Override
    public String getMessage() {
        return "Required context " + type + " is missing";
    }

    private static final long serialVersionUID = 1L;
}
