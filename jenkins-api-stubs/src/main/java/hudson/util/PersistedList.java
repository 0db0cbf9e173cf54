package hudson.util;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Stub of core {@code hudson.util.PersistedList} (subset). Stub behaviour: an in-memory list that never saves (core
 * saves through its owner); {@code get(Class)} returns the first item of the type, as in core.
 */
public class PersistedList<T> extends AbstractList<T> {
    private final List<T> items = new ArrayList<>();

    protected PersistedList() {}

    protected PersistedList(Collection<? extends T> initialList) {
        items.addAll(initialList);
    }

    public <U extends T> U get(Class<U> type) {
        for (T t : items) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Override
    public T get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public boolean add(T item) {
        return items.add(item);
    }
}
