package io.jenkins.plugins.copilotci;

import java.io.Serializable;

/**
 * The parameters a step may set (the step's own values; {@code null}/0 means "use the folder or global configuration");
 * {@link CopilotSettings#merge} is the one place they meet the folder and global defaults.
 */
public final class CopilotOverrides implements Serializable {
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

    /** An independent copy (a step's values are copied into each execution's persisted state). */
    CopilotOverrides copy() {
        CopilotOverrides c = new CopilotOverrides();
        c.cliUrl = cliUrl;
        c.cliPath = cliPath;
        c.model = model;
        c.providerType = providerType;
        c.providerBaseUrl = providerBaseUrl;
        c.providerApiKeyCredentialsId = providerApiKeyCredentialsId;
        c.githubTokenCredentialsId = githubTokenCredentialsId;
        c.connectionTokenCredentialsId = connectionTokenCredentialsId;
        c.timeout = timeout;
        c.permissions = permissions;
        c.systemMessage = systemMessage;
        c.instructions = instructions;
        c.instructionsBase = instructionsBase;
        return c;
    }

    /** Sets where instructions come from; returns this. */
    CopilotOverrides instructions(String mode, String base) {
        instructions = mode;
        instructionsBase = base;
        return this;
    }
}
