package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.ModelObject;
import java.util.ArrayList;
import java.util.Collection;
import org.kohsuke.stapler.HttpResponse;

/** Stub of core {@code hudson.util.ListBoxModel} (subset; rendering needs stapler, so everything throws). */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {
    /** One entry of a drop-down list. */
    public static final class Option {
        @NonNull
        public String name;

        @NonNull
        public String value;

        public boolean selected;

        public Option(@NonNull String name, @NonNull String value) {
            throw new UnsupportedOperationException("stub");
        }

        public Option(@NonNull String name) {
            throw new UnsupportedOperationException("stub");
        }

        public Option(@NonNull String name, @NonNull String value, boolean selected) {
            throw new UnsupportedOperationException("stub");
        }
    }

    public ListBoxModel(int initialCapacity) {
        throw new UnsupportedOperationException("stub");
    }

    public ListBoxModel() {
        throw new UnsupportedOperationException("stub");
    }

    public ListBoxModel(Collection<Option> c) {
        throw new UnsupportedOperationException("stub");
    }

    public ListBoxModel(Option... data) {
        throw new UnsupportedOperationException("stub");
    }

    public void add(@NonNull String displayName, @NonNull String value) {
        throw new UnsupportedOperationException("stub");
    }

    public void add(ModelObject usedForDisplayName, @NonNull String value) {
        throw new UnsupportedOperationException("stub");
    }

    public ListBoxModel add(@NonNull String nameAndValue) {
        throw new UnsupportedOperationException("stub");
    }
}
