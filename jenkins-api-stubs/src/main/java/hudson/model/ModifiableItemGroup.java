package hudson.model;

/** Stub of core {@code hudson.model.ModifiableItemGroup} (type only). */
public interface ModifiableItemGroup<T extends Item> extends ItemGroup<T> {}
