package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Stub of credentials {@code CredentialsScope} (constants only). */
public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
