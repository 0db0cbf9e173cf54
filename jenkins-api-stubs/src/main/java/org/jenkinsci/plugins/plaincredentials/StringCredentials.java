package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.NameWith;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

/** Stub of plain-credentials 199.v9f8e1f741799 {@code StringCredentials} ("Secret text"). */
@NameWith(StringCredentials.NameProvider.class)
public interface StringCredentials extends StandardCredentials {
    @NonNull
    Secret getSecret();

    /** Upstream: the description, else the id unless it is a UUID. */
    class NameProvider extends CredentialsNameProvider<StringCredentials> {
        @Override
        public String getName(StringCredentials c) {
            throw new UnsupportedOperationException("stub");
        }
    }
}
