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
}
