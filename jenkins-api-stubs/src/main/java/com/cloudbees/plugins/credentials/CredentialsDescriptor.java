package com.cloudbees.plugins.credentials;

import hudson.model.Descriptor;
import org.jenkins.ui.icon.IconSpec;

/** Stub of credentials {@code CredentialsDescriptor} (subset). */
public abstract class CredentialsDescriptor extends Descriptor<Credentials> implements IconSpec {
    protected CredentialsDescriptor(Class<? extends Credentials> clazz) {
        super(clazz);
    }

    protected CredentialsDescriptor() {
        super();
    }

    @Override
    public String getIconClassName() {
        throw new UnsupportedOperationException("stub");
    }
}
