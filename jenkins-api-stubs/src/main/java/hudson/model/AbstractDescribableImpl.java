package hudson.model;

/** Stub of core {@code hudson.model.AbstractDescribableImpl} (implicit public constructor, as in core). */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    @Override
    public Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
