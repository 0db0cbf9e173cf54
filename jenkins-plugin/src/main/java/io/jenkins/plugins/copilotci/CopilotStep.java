package io.jenkins.plugins.copilotci;

import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Connection parameters shared by every Copilot step; each one left empty falls back to Manage Jenkins → System →
 * Copilot. Credentials are ids of "Secret text" credentials, never values.
 */
public abstract class CopilotStep extends Step {
    private String cliUrl;
    private String cliPath;
    private String model;
    private String providerType;
    private String providerBaseUrl;
    private String providerApiKeyCredentialsId;
    private String githubTokenCredentialsId;
    private String connectionTokenCredentialsId;
    private int timeout;
    private String permissions;
    private String systemMessage;

    CopilotOverrides overrides() {
        CopilotOverrides o = new CopilotOverrides();
        o.cliUrl = cliUrl;
        o.cliPath = cliPath;
        o.model = model;
        o.providerType = providerType;
        o.providerBaseUrl = providerBaseUrl;
        o.providerApiKeyCredentialsId = providerApiKeyCredentialsId;
        o.githubTokenCredentialsId = githubTokenCredentialsId;
        o.connectionTokenCredentialsId = connectionTokenCredentialsId;
        o.timeout = timeout;
        o.permissions = permissions;
        o.systemMessage = systemMessage;
        return o;
    }

    public String getCliUrl() {
        return cliUrl;
    }

    @DataBoundSetter
    public void setCliUrl(String cliUrl) {
        this.cliUrl = emptyToNull(cliUrl);
    }

    public String getCliPath() {
        return cliPath;
    }

    @DataBoundSetter
    public void setCliPath(String cliPath) {
        this.cliPath = emptyToNull(cliPath);
    }

    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(String model) {
        this.model = emptyToNull(model);
    }

    public String getProviderType() {
        return providerType;
    }

    @DataBoundSetter
    public void setProviderType(String providerType) {
        this.providerType = emptyToNull(providerType);
    }

    public String getProviderBaseUrl() {
        return providerBaseUrl;
    }

    @DataBoundSetter
    public void setProviderBaseUrl(String providerBaseUrl) {
        this.providerBaseUrl = emptyToNull(providerBaseUrl);
    }

    public String getProviderApiKeyCredentialsId() {
        return providerApiKeyCredentialsId;
    }

    @DataBoundSetter
    public void setProviderApiKeyCredentialsId(String id) {
        this.providerApiKeyCredentialsId = emptyToNull(id);
    }

    public String getGithubTokenCredentialsId() {
        return githubTokenCredentialsId;
    }

    @DataBoundSetter
    public void setGithubTokenCredentialsId(String id) {
        this.githubTokenCredentialsId = emptyToNull(id);
    }

    public String getConnectionTokenCredentialsId() {
        return connectionTokenCredentialsId;
    }

    @DataBoundSetter
    public void setConnectionTokenCredentialsId(String id) {
        this.connectionTokenCredentialsId = emptyToNull(id);
    }

    /** Seconds; 0 = the global default. */
    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = Math.max(0, timeout);
    }

    public String getPermissions() {
        return permissions;
    }

    @DataBoundSetter
    public void setPermissions(String permissions) {
        this.permissions = emptyToNull(permissions);
    }

    /** Added to the agent's system prompt of a session this step opens (inside withCopilot: set it there). */
    public String getSystemMessage() {
        return systemMessage;
    }

    @DataBoundSetter
    public void setSystemMessage(String systemMessage) {
        this.systemMessage = emptyToNull(systemMessage);
    }

    static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
