package hudson.util;

import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Saveable;
import java.util.Collection;

/** Stub of core {@code hudson.util.DescribableList} (subset; the owner is ignored: the stub list never saves). */
public class DescribableList<T extends Describable<T>, D extends Descriptor<T>> extends PersistedList<T> {
    protected DescribableList() {}

    public DescribableList(Saveable owner, Collection<? extends T> initialList) {
        super(initialList);
    }
}
