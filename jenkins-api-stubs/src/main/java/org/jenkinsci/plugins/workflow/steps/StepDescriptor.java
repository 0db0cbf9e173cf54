package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.ExtensionList;
import hudson.model.Descriptor;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Stub of workflow-step-api {@code StepDescriptor} (subset; the structs-based {@code newInstance}/{@code uninstantiate}
 * members are omitted). Stub behaviour: the overridable defaults and {@link #argumentsToString} behave as upstream
 * (pure functions), so a descriptor can be unit-tested.
 */
public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public Set<? extends Class<?>> getProvidedContext() {
        return Collections.emptySet();
    }

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        return false;
    }

    public boolean isAdvanced() {
        return false;
    }

    public boolean isMetaStep() {
        return false;
    }

    public final @Nullable Class<?> getMetaStepArgumentType() {
        throw new UnsupportedOperationException("stub");
    }

    public final void checkContextAvailability(StepContext c)
            throws MissingContextVariableException, IOException, InterruptedException {
        for (Class<?> type : getRequiredContext()) {
            if (c.get(type) == null) {
                throw new MissingContextVariableException(type, this);
            }
        }
    }

    public static ExtensionList<StepDescriptor> all() {
        throw new UnsupportedOperationException("stub");
    }

    public static @Nullable StepDescriptor byFunctionName(String name) {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Label shown for a step invocation (classic flow graph, Pipeline Graph View). Upstream default: the single
     * argument's {@code toString()} when exactly one argument is a CharSequence/Number/Boolean/Enum, else {@code null}.
     */
    @CheckForNull
    public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
        if (namedArgs.size() == 1) {
            Object val = namedArgs.values().iterator().next();
            boolean simple = val instanceof CharSequence || val instanceof Number || val instanceof Boolean
                    || val instanceof Enum;
            return simple ? val.toString() : null;
        }
        return null;
    }
}
