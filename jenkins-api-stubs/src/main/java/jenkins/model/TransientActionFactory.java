package jenkins.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Action;
import java.util.Collection;

/**
 * Stub of core {@code jenkins.model.TransientActionFactory} (its internal {@code Cache} extension and
 * {@code factoriesFor} are {@code @Restricted(NoExternalUse)} and omitted). Stub behaviour: {@link #actionType()} is
 * core's default; nothing calls the factories (the stub {@code Actionable.getAllActions} lists persisted actions only).
 */
public abstract class TransientActionFactory<T> implements ExtensionPoint {
    public abstract Class<T> type();

    public /* abstract */ Class<? extends Action> actionType() {
        return Action.class;
    }

    public abstract @NonNull Collection<? extends Action> createFor(@NonNull T target);
}
