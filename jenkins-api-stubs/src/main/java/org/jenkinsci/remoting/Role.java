package org.jenkinsci.remoting;

import java.util.Collection;
import java.util.Set;

/**
 * Stub of remoting 3261.v9c670a_4748a_9 {@code Role}: the complete value class (a named role, equal by name), so that a
 * test can check which role a callable asks for.
 */
public final class Role {
    private final String name;

    public Role(String name) {
        this.name = name;
    }

    public Role(Class<?> name) {
        this(name.getName());
    }

    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return super.toString() + "[" + name + "]";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof Role && ((Role) obj).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    public static final Role UNKNOWN = new Role("unknown");

    public static final Collection<Role> UNKNOWN_SET = Set.of(UNKNOWN);
}
