package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Stub of credentials {@code IdCredentials} (nested {@code Helpers} omitted). */
public interface IdCredentials extends Credentials {
    @NonNull
    String getId();
}
