package io.jenkins.plugins.copilotci;

import java.io.Serializable;

/** The connection parameters a step may set; {@code null}/0 means "use the global configuration". */
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

    /** Sets where instructions come from; returns this. */
    CopilotOverrides instructions(String mode, String base) {
        instructions = mode;
        instructionsBase = base;
        return this;
    }
}
