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

    private CopilotSettings(CopilotGlobalConfiguration global, CopilotOverrides step) {
        boolean g = global != null;
        this.cliUrls = List.copyOf(splitUrls(first(step.cliUrl, g ? global.getCliUrls() : null)));
        this.cliPath = first(step.cliPath, g ? global.getCliPath() : null);
        this.model = first(step.model, g ? global.getModel() : null);
        this.providerType = first(step.providerType, g ? global.getProviderType() : null);
        this.providerBaseUrl = first(step.providerBaseUrl, g ? global.getProviderBaseUrl() : null);
        this.providerApiKeyCredentialsId = first(step.providerApiKeyCredentialsId,
                g ? global.getProviderApiKeyCredentialsId() : null);
        this.githubTokenCredentialsId = first(step.githubTokenCredentialsId,
                g ? global.getGithubTokenCredentialsId() : null);
        this.connectionTokenCredentialsId = first(step.connectionTokenCredentialsId,
                g ? global.getConnectionTokenCredentialsId() : null);
        int timeout = step.timeout > 0 ? step.timeout : g ? global.getTimeoutSeconds() : 0;
        this.timeoutSeconds = timeout > 0 ? timeout : DEFAULT_TIMEOUT_SECONDS;
        this.permissions = first(step.permissions, g ? global.getPermissions() : null);
        this.systemMessage = step.systemMessage; // per step only: there is no global system message
    }

    /** Step values where given, else the global ones: the one merge of the two. */
    static CopilotSettings merge(CopilotGlobalConfiguration global, CopilotOverrides step) {
        return new CopilotSettings(global, step);
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
