package io.jenkins.plugins.copilotci;

import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Connection parameters shared by every Copilot step; each one left empty falls back to Manage Jenkins → System →
 * Copilot. Credentials are ids of "Secret text" credentials, never values.
 */
public abstract class CopilotStep extends Step {
    /** The step's own values (each null/0 = the global default); copied for each execution. */
    private final CopilotOverrides values = new CopilotOverrides();

    CopilotOverrides overrides() {
        return values.copy();
    }

    public String getCliUrl() {
        return values.cliUrl;
    }

    @DataBoundSetter
    public void setCliUrl(String cliUrl) {
        values.cliUrl = emptyToNull(cliUrl);
    }

    public String getCliPath() {
        return values.cliPath;
    }

    @DataBoundSetter
    public void setCliPath(String cliPath) {
        values.cliPath = emptyToNull(cliPath);
    }

    public String getModel() {
        return values.model;
    }

    @DataBoundSetter
    public void setModel(String model) {
        values.model = emptyToNull(model);
    }

    public String getProviderType() {
        return values.providerType;
    }

    @DataBoundSetter
    public void setProviderType(String providerType) {
        values.providerType = emptyToNull(providerType);
    }

    public String getProviderBaseUrl() {
        return values.providerBaseUrl;
    }

    @DataBoundSetter
    public void setProviderBaseUrl(String providerBaseUrl) {
        values.providerBaseUrl = emptyToNull(providerBaseUrl);
    }

    public String getProviderApiKeyCredentialsId() {
        return values.providerApiKeyCredentialsId;
    }

    @DataBoundSetter
    public void setProviderApiKeyCredentialsId(String id) {
        values.providerApiKeyCredentialsId = emptyToNull(id);
    }

    public String getGithubTokenCredentialsId() {
        return values.githubTokenCredentialsId;
    }

    @DataBoundSetter
    public void setGithubTokenCredentialsId(String id) {
        values.githubTokenCredentialsId = emptyToNull(id);
    }

    public String getConnectionTokenCredentialsId() {
        return values.connectionTokenCredentialsId;
    }

    @DataBoundSetter
    public void setConnectionTokenCredentialsId(String id) {
        values.connectionTokenCredentialsId = emptyToNull(id);
    }

    /** Seconds; 0 = the global default. */
    public int getTimeout() {
        return values.timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        values.timeout = Math.max(0, timeout);
    }

    public String getPermissions() {
        return values.permissions;
    }

    @DataBoundSetter
    public void setPermissions(String permissions) {
        values.permissions = emptyToNull(permissions);
    }

    /** Added to the agent's system prompt of a session this step opens (inside withCopilot: set it there). */
    public String getSystemMessage() {
        return values.systemMessage;
    }

    @DataBoundSetter
    public void setSystemMessage(String systemMessage) {
        values.systemMessage = emptyToNull(systemMessage);
    }

    static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
