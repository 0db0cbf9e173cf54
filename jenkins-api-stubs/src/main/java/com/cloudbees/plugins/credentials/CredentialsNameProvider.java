package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Stub of credentials {@code CredentialsNameProvider}. */
public abstract class CredentialsNameProvider<C extends Credentials> {
    @NonNull
    public static String name(@NonNull Credentials credentials) {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public abstract String getName(@NonNull C credentials);
}
