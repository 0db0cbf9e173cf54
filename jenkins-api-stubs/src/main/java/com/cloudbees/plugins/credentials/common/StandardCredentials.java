package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.NameWith;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Stub of credentials {@code StandardCredentials}. */
@NameWith(value = StandardCredentials.NameProvider.class, priority = -16)
public interface StandardCredentials extends IdCredentials {
    @NonNull
    String getDescription();

    /** Names a credential "id (description)" upstream. */
    class NameProvider extends CredentialsNameProvider<StandardCredentials> {
        @NonNull
        @Override
        public String getName(@NonNull StandardCredentials c) {
            throw new UnsupportedOperationException("stub");
        }
    }
}
