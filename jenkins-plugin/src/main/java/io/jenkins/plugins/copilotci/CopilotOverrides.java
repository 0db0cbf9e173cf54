package io.jenkins.plugins.copilotci;

import java.io.Serializable;

/**
 * The parameters a step may set (the step's own values; {@code null}/0 means "use the folder or global configuration");
 * {@link CopilotSettings#merge} is the one place they meet the folder and global defaults.
 */
public final class CopilotOverrides implements Serializable, Cloneable {
    private static final long serialVersionUID = 1L;

    String cliUrl;
    String cliPath;
    String model;
    String providerType;
    String providerBaseUrl;
    String providerApiKeyCredentialsId;
    String githubTokenCredentialsId;
    String connectionTokenCredentialsId;
    int timeout;
    String permissions;
    String systemMessage;
    /** workspace, base or none; {@code null}: base on a change request (CHANGE_TARGET set), else workspace. */
    String instructions;
    /** The ref to read instruction files from; {@code null}: origin/$CHANGE_TARGET when set. */
    String instructionsBase;

    /**
     * An independent copy (a step's values are copied into each execution's persisted state). Every field is a
     * String or an int, so the field-by-field copy {@link Object#clone()} makes is a full one, also of fields added
     * later.
     */
    CopilotOverrides copy() {
        try {
            return (CopilotOverrides) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e); // this class is Cloneable
        }
    }

    /** Sets where instructions come from; returns this. */
    CopilotOverrides instructions(String mode, String base) {
        instructions = mode;
        instructionsBase = base;
        return this;
    }
}
