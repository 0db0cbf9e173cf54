package hudson.console;

import hudson.ExtensionPoint;
import hudson.model.Descriptor;

/** Stub of core {@code hudson.console.ConsoleAnnotationDescriptor} (subset). */
public abstract class ConsoleAnnotationDescriptor extends Descriptor<ConsoleNote<?>> implements ExtensionPoint {
    protected ConsoleAnnotationDescriptor(Class<? extends ConsoleNote<?>> clazz) {
        super(clazz);
    }

    protected ConsoleAnnotationDescriptor() {
        super();
    }
}
