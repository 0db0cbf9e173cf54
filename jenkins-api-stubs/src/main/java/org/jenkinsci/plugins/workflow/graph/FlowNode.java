package org.jenkinsci.plugins.workflow.graph;

import com.google.common.collect.ImmutableList;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Action;
import hudson.model.Actionable;
import hudson.model.Saveable;
import java.io.IOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.actions.PersistentAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;

/**
 * Stub of workflow-api {@code FlowNode} (subset). Stub behaviour as upstream: the node keeps its own action list (not
 * {@code Actionable}'s), every mutation through {@link #getActions()} is saved with
 * {@code FlowExecution.saveActions} (a failed save is logged, not thrown), and {@link #getAction(Class)} answers a
 * {@link PersistentAction} type from that list without asking transient action factories. Difference:
 * {@code getDisplayName} throws (upstream reads a {@code LabelAction}, not stubbed).
 */
public abstract class FlowNode extends Actionable implements Saveable {
    private transient List<FlowNode> parents;
    private final List<String> parentIds;
    private String id;
    private transient CopyOnWriteArrayList<Action> actions = new CopyOnWriteArrayList<>();
    private transient final FlowExecution exec;

    protected FlowNode(FlowExecution exec, String id, List<FlowNode> parents) {
        this.id = id;
        this.exec = exec;
        this.parents = ImmutableList.copyOf(parents);
        parentIds = ids();
    }

    protected FlowNode(FlowExecution exec, String id, FlowNode... parents) {
        this.id = id;
        this.exec = exec;
        this.parents = ImmutableList.copyOf(parents);
        parentIds = ids();
    }

    private List<String> ids() {
        List<String> ids = new ArrayList<>(parents.size());
        for (FlowNode n : parents) {
            ids.add(n.id);
        }
        return ids;
    }

    public @NonNull FlowExecution getExecution() {
        return exec;
    }

    public String getId() {
        return id;
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    protected abstract String getTypeDisplayName();

    @CheckForNull
    public final <T extends Action> T getPersistentAction(@NonNull Class<T> type) {
        loadActions();
        for (Action a : actions) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }

    private <T extends Action> T getMaybeTransientAction(Class<T> type) {
        for (Action a : getAllActions()) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }

    @Override
    @CheckForNull
    public <T extends Action> T getAction(Class<T> type) {
        if (PersistentAction.class.isAssignableFrom(type)) {
            return getPersistentAction(type);
        } else {
            return getMaybeTransientAction(type);
        }
    }

    private synchronized void loadActions() {
        if (actions != null) {
            return;
        }
        try {
            actions = new CopyOnWriteArrayList<>(exec.loadActions(this));
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Failed to load actions for FlowNode id=" + id, e);
            actions = new CopyOnWriteArrayList<>();
        }
    }

    @NonNull
    @SuppressWarnings("deprecation") // of override
    @Override
    public List<Action> getActions() {
        loadActions();
        // Actionable's own list is persisted with its owner; a node's actions are stored by its FlowExecution, so
        // every mutation goes through this view and is saved.
        return new AbstractList<Action>() {
            @Override
            public Action get(int index) {
                return actions.get(index);
            }

            @Override
            public void add(int index, Action element) {
                actions.add(index, element);
                persistSafe();
            }

            @Override
            public Iterator<Action> iterator() {
                return actions.iterator();
            }

            @Override
            public Action remove(int index) {
                Action old = actions.remove(index);
                persistSafe();
                return old;
            }

            @Override
            public Action set(int index, Action element) {
                Action old = actions.set(index, element);
                persistSafe();
                return old;
            }

            @Override
            public int size() {
                return actions.size();
            }

            @Override
            public boolean removeAll(@NonNull Collection<?> c) {
                boolean changed = actions.removeAll(c);
                if (changed) {
                    persistSafe();
                }
                return changed;
            }
        };
    }

    @Override
    public void save() throws IOException {
        exec.saveActions(this, actions);
    }

    private void persistSafe() {
        try {
            save();
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "failed to save actions for FlowNode id=" + this.id, e);
        }
    }

    @Override
    public boolean equals(Object obj) {
        if (obj instanceof FlowNode) {
            FlowNode that = (FlowNode) obj;
            return this.id.equals(that.id);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return this.id.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[id=" + id + ", exec=" + exec + "]";
    }

    private static final Logger LOGGER = Logger.getLogger(FlowNode.class.getName());
}
