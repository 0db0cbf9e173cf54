package io.jenkins.plugins.copilotci;

import dev.copilotci.client.PermissionPolicy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The effective configuration of one Copilot session in a build: step parameters over global defaults. Holds only
 * credential <em>ids</em>, never secrets, because it lives in the Pipeline's persisted program state.
 */
public final class CopilotSettings implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int DEFAULT_TIMEOUT_SECONDS = 600;

    final List<String> cliUrls;
    final String cliPath;
    final String model;
    final String providerType;
    final String providerBaseUrl;
    final String providerApiKeyCredentialsId;
    final String githubTokenCredentialsId;
    final String connectionTokenCredentialsId;
    final int timeoutSeconds;
    final String permissions;
    final String systemMessage;

    CopilotSettings(List<String> cliUrls, String cliPath, String model, String providerType, String providerBaseUrl,
                    String providerApiKeyCredentialsId, String githubTokenCredentialsId,
                    String connectionTokenCredentialsId, int timeoutSeconds, String permissions,
                    String systemMessage) {
        this.systemMessage = systemMessage;
        this.cliUrls = List.copyOf(cliUrls);
        this.cliPath = cliPath;
        this.model = model;
        this.providerType = providerType;
        this.providerBaseUrl = providerBaseUrl;
        this.providerApiKeyCredentialsId = providerApiKeyCredentialsId;
        this.githubTokenCredentialsId = githubTokenCredentialsId;
        this.connectionTokenCredentialsId = connectionTokenCredentialsId;
        this.timeoutSeconds = timeoutSeconds > 0 ? timeoutSeconds : DEFAULT_TIMEOUT_SECONDS;
        this.permissions = permissions;
    }

    /** Step values where given, else the global ones. */
    static CopilotSettings merge(CopilotGlobalConfiguration global, CopilotOverrides step) {
        String urls = first(step.cliUrl, global == null ? null : global.getCliUrls());
        return new CopilotSettings(
                splitUrls(urls),
                first(step.cliPath, global == null ? null : global.getCliPath()),
                first(step.model, global == null ? null : global.getModel()),
                first(step.providerType, global == null ? null : global.getProviderType()),
                first(step.providerBaseUrl, global == null ? null : global.getProviderBaseUrl()),
                first(step.providerApiKeyCredentialsId, global == null ? null : global.getProviderApiKeyCredentialsId()),
                first(step.githubTokenCredentialsId, global == null ? null : global.getGithubTokenCredentialsId()),
                first(step.connectionTokenCredentialsId, global == null ? null
                        : global.getConnectionTokenCredentialsId()),
                step.timeout > 0 ? step.timeout : global == null ? 0 : global.getTimeoutSeconds(),
                first(step.permissions, global == null ? null : global.getPermissions()),
                step.systemMessage);
    }

    PermissionPolicy permissionPolicy() {
        try {
            return PermissionPolicy.parse(permissions);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("permissions: '" + permissions + "' is not deny, readOnly or allowAll");
        }
    }

    /** Several URLs (one per line or comma-separated) are tried in order: failover. */
    static List<String> splitUrls(String urls) {
        List<String> list = new ArrayList<>();
        if (urls != null) {
            Arrays.stream(urls.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).forEach(list::add);
        }
        return list;
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a.trim() : b != null && !b.isBlank() ? b.trim() : null;
    }
}
