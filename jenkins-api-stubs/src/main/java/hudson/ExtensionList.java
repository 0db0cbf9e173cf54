package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.AbstractList;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.util.io.OnMaster;

/** Stub of core {@code hudson.ExtensionList} (subset; needs a running Jenkins, so everything throws). */
public class ExtensionList<T> extends AbstractList<T> implements OnMaster {
    public final @CheckForNull Jenkins jenkins;
    public final Class<T> extensionType;

    protected ExtensionList(Jenkins jenkins, Class<T> extensionType) {
        throw new UnsupportedOperationException("stub");
    }

    public @CheckForNull <U extends T> U get(@NonNull Class<U> type) {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull <U extends T> U getInstance(@NonNull Class<U> type) throws IllegalStateException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("stub");
    }

    public List<T> reverseView() {
        throw new UnsupportedOperationException("stub");
    }

    public static @NonNull <T> ExtensionList<T> lookup(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }

    public static @NonNull <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("stub");
    }

    public static @NonNull <U> U lookupFirst(Class<U> type) {
        throw new UnsupportedOperationException("stub");
    }
}
