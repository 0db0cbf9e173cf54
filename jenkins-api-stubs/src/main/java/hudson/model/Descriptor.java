package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.security.Permission;
import java.util.Collection;
import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Stub of core {@code hudson.model.Descriptor} (subset; deprecated {@code StaplerRequest} overloads omitted).
 *
 * <p>Stub behaviour: both constructors set {@link #clazz} as core does (the no-arg one from the enclosing class, so a
 * nested {@code DescriptorImpl} can be instantiated in stub-driven tests), and {@link #getDisplayName()} /
 * {@link #getId()} default as in core. {@link #load()} and {@link #save()} throw (no JENKINS_HOME): a test subclass of a
 * {@code GlobalConfiguration} overrides them.
 */
public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {
    public final transient Class<? extends T> clazz;

    @SuppressWarnings({"unchecked", "rawtypes"})
    protected Descriptor(Class<? extends T> clazz) {
        if (clazz == self()) {
            clazz = (Class) getClass();
        }
        this.clazz = clazz;
    }

    @SuppressWarnings("unchecked")
    protected Descriptor() {
        this.clazz = (Class<T>) getClass().getEnclosingClass();
        if (clazz == null) {
            throw new AssertionError(getClass()
                    + " doesn't have an outer class. Use the constructor that takes the Class object explicitly.");
        }
    }

    @NonNull
    public String getDisplayName() {
        return clazz.getSimpleName();
    }

    public String getId() {
        return clazz.getName();
    }

    public Class<T> getT() {
        throw new UnsupportedOperationException("stub");
    }

    public String getDescriptorUrl() {
        throw new UnsupportedOperationException("stub");
    }

    public final String getDescriptorFullUrl() {
        throw new UnsupportedOperationException("stub");
    }

    public T newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
        throw new UnsupportedOperationException("stub");
    }

    public String getHelpFile() {
        throw new UnsupportedOperationException("stub");
    }

    public String getHelpFile(final String fieldName) {
        throw new UnsupportedOperationException("stub");
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException("stub");
    }

    public String getConfigPage() {
        throw new UnsupportedOperationException("stub");
    }

    public String getGlobalConfigPage() {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull Permission getRequiredGlobalConfigPagePermission() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public synchronized void save() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public synchronized void load() {
        throw new UnsupportedOperationException("stub");
    }

    public static @CheckForNull <T extends Descriptor> T findById(Collection<? extends T> list, String id) {
        throw new UnsupportedOperationException("stub");
    }

    /** Exception thrown by a form submission that cannot be bound. */
    public static final class FormException extends Exception implements HttpResponse {
        private final String formField;

        public FormException(String message, String formField) {
            super(message);
            this.formField = formField;
        }

        public FormException(String message, Throwable cause, String formField) {
            super(message, cause);
            this.formField = formField;
        }

        public FormException(Throwable cause, String formField) {
            super(cause);
            this.formField = formField;
        }

        public String getFormField() {
            return formField;
        }
    }

    /** Marker used by {@link #self()}, as in core. */
    public static final class Self {}

    protected static Class self() {
        return Self.class;
    }
}
