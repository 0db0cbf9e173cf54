package hudson.model.listeners;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Stub of core {@code hudson.model.listeners.RunListener} (subset). Stub behaviour: both constructors set
 * {@link #targetType} as core does (the no-arg one resolves the type argument with plain JDK reflection instead of
 * {@code org.jvnet.tiger_types.Types}, and, as core, rejects a raw subclass); the callbacks are core's empty defaults.
 */
public abstract class RunListener<R extends Run> implements ExtensionPoint {
    public final Class<R> targetType;

    protected RunListener(Class<R> targetType) {
        this.targetType = targetType;
    }

    @SuppressWarnings("unchecked")
    protected RunListener() {
        Class<?> c = getClass();
        while (c.getSuperclass() != RunListener.class) {
            c = c.getSuperclass();
        }
        Type type = c.getGenericSuperclass();
        if (!(type instanceof ParameterizedType p)) {
            throw new IllegalStateException(getClass() + " uses the raw type for extending RunListener");
        }
        Type arg = p.getActualTypeArguments()[0];
        targetType = (Class<R>) (arg instanceof ParameterizedType pa ? pa.getRawType() : arg);
    }

    public void onCompleted(R r, @NonNull TaskListener listener) {}

    public void onFinalized(R r) {}

    public void onStarted(R r, TaskListener listener) {}

    public void onDeleted(R r) {}
}
