package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.ModelObjectWithContextMenu;

/**
 * Stub of core {@code hudson.model.Actionable} (subset). Stub behaviour: the persisted action list works as in core
 * (same add/replace/remove semantics), so stub-driven tests can observe the actions a step attaches to a build.
 * Where core consults {@code TransientActionFactory.factoriesFor} ({@code getAllActions}, {@code getActions(Class)},
 * and {@code getAction(Class)} when no persisted action matches) it needs {@code ExtensionList}, hence a running
 * Jenkins; without one core throws {@code Jenkins.get()}'s IllegalStateException, and so does this stub (there are
 * never transient actions here). Only {@code getActions()} and the mutators work without Jenkins, as in core.
 */
public abstract class Actionable extends AbstractModelObject implements ModelObjectWithContextMenu {
    private volatile CopyOnWriteArrayList<Action> actions;

    @Deprecated
    @NonNull
    public List<Action> getActions() {
        if (actions == null) {
            synchronized (this) {
                if (actions == null) {
                    actions = new CopyOnWriteArrayList<>();
                }
            }
        }
        return actions;
    }

    @NonNull
    public final List<? extends Action> getAllActions() {
        List<Action> persisted = getActions();
        transientActionFactories();
        return Collections.unmodifiableList(persisted);
    }

    @NonNull
    public <T extends Action> List<T> getActions(Class<T> type) {
        List<T> result = new ArrayList<>();
        for (Action a : getActions()) {
            if (type.isInstance(a)) {
                result.add(type.cast(a));
            }
        }
        transientActionFactories();
        return Collections.unmodifiableList(result);
    }

    public void addAction(@NonNull Action a) {
        if (a == null) {
            throw new IllegalArgumentException("Action must be non-null");
        }
        getActions().add(a);
    }

    public void replaceAction(@NonNull Action a) {
        addOrReplaceAction(a);
    }

    public boolean addOrReplaceAction(@NonNull Action a) {
        if (a == null) {
            throw new IllegalArgumentException("Action must be non-null");
        }
        List<Action> sameClass = new ArrayList<>();
        boolean present = false;
        for (Action existing : getActions()) {
            if (!present && a.equals(existing)) {
                present = true;
            } else if (existing.getClass() == a.getClass()) {
                sameClass.add(existing);
            }
        }
        getActions().removeAll(sameClass);
        if (!present) {
            addAction(a);
        }
        return !present || !sameClass.isEmpty();
    }

    public boolean removeAction(@Nullable Action a) {
        return a != null && getActions().removeAll(Set.of(a));
    }

    public boolean removeActions(@NonNull Class<? extends Action> clazz) {
        if (clazz == null) {
            throw new IllegalArgumentException("Action type must be non-null");
        }
        List<Action> matching = new ArrayList<>();
        for (Action existing : getActions()) {
            if (clazz.isInstance(existing)) {
                matching.add(existing);
            }
        }
        return getActions().removeAll(matching);
    }

    public boolean replaceActions(@NonNull Class<? extends Action> clazz, @NonNull Action a) {
        if (clazz == null) {
            throw new IllegalArgumentException("Action type must be non-null");
        }
        if (a == null) {
            throw new IllegalArgumentException("Action must be non-null");
        }
        List<Action> stale = new ArrayList<>();
        boolean present = false;
        for (Action existing : getActions()) {
            if (!present && a.equals(existing)) {
                present = true;
            } else if (clazz.isInstance(existing) && !a.equals(existing)) {
                stale.add(existing);
            }
        }
        getActions().removeAll(stale);
        if (!present) {
            addAction(a);
        }
        return !(stale.isEmpty() && present);
    }

    public <T extends Action> T getAction(Class<T> type) {
        for (Action a : getActions()) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        transientActionFactories();
        return null;
    }

    /**
     * Core's {@code TransientActionFactory.factoriesFor(...)} → {@code ExtensionList.lookupSingleton} →
     * {@code Jenkins.get()}: without a running Jenkins that throws this exception (core's message).
     */
    private static void transientActionFactories() {
        throw new IllegalStateException("Jenkins.instance is missing. Read the documentation of"
                + " Jenkins.getInstanceOrNull to see what you are doing wrong.");
    }
}
