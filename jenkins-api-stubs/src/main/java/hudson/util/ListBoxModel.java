package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.ModelObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import org.kohsuke.stapler.HttpResponse;

/**
 * Stub of core {@code hudson.util.ListBoxModel} (subset). Stub behaviour: it is a value type (a list of options), so
 * constructors, {@code Option} and the {@code add} methods work as in core; rendering (stapler) is absent.
 */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {
    /** One entry of a drop-down list. */
    public static final class Option {
        @NonNull
        public String name;

        @NonNull
        public String value;

        public boolean selected;

        public Option(@NonNull String name, @NonNull String value) {
            this(name, value, false);
        }

        public Option(@NonNull String name) {
            this(name, name, false);
        }

        public Option(@NonNull String name, @NonNull String value, boolean selected) {
            this.name = name;
            this.value = value;
            this.selected = selected;
        }

        @Override
        public String toString() {
            return name + "=" + value + (selected ? "[selected]" : "");
        }
    }

    public ListBoxModel(int initialCapacity) {
        super(initialCapacity);
    }

    public ListBoxModel() {
    }

    public ListBoxModel(Collection<Option> c) {
        super(c);
    }

    public ListBoxModel(Option... data) {
        super(Arrays.asList(data));
    }

    public void add(@NonNull String displayName, @NonNull String value) {
        add(new Option(displayName, value));
    }

    public void add(ModelObject usedForDisplayName, @NonNull String value) {
        add(usedForDisplayName.getDisplayName(), value);
    }

    public ListBoxModel add(@NonNull String nameAndValue) {
        add(nameAndValue, nameAndValue);
        return this;
    }
}
