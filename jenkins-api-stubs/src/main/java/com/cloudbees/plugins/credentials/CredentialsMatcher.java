package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Stub of credentials {@code CredentialsMatcher} (nested {@code CQL} omitted). */
public interface CredentialsMatcher extends Serializable {
    boolean matches(@NonNull Credentials item);
}
