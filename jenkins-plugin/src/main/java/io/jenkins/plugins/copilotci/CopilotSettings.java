package io.jenkins.plugins.copilotci;

import dev.copilotci.client.PermissionPolicy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The effective configuration of one Copilot session in a build: step parameters over folder settings over global
 * defaults. Holds only credential <em>ids</em>, never secrets, because it lives in the Pipeline's persisted program
 * state.
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

    private CopilotSettings(CopilotGlobalConfiguration global, List<CopilotFolderProperty> folders,
                            CopilotOverrides step) {
        boolean g = global != null;
        this.cliUrls = List.copyOf(splitUrls(first(step.cliUrl, folders, CopilotFolderProperty::getCliUrls,
                g ? global.getCliUrls() : null)));
        // The CLI's path on agents describes the machines, not the team: no folder layer.
        this.cliPath = first(step.cliPath, List.of(), f -> null, g ? global.getCliPath() : null);
        this.model = first(step.model, folders, CopilotFolderProperty::getModel, g ? global.getModel() : null);
        this.providerType = first(step.providerType, folders, CopilotFolderProperty::getProviderType,
                g ? global.getProviderType() : null);
        this.providerBaseUrl = first(step.providerBaseUrl, folders, CopilotFolderProperty::getProviderBaseUrl,
                g ? global.getProviderBaseUrl() : null);
        this.providerApiKeyCredentialsId = first(step.providerApiKeyCredentialsId, folders,
                CopilotFolderProperty::getProviderApiKeyCredentialsId,
                g ? global.getProviderApiKeyCredentialsId() : null);
        this.githubTokenCredentialsId = first(step.githubTokenCredentialsId, folders,
                CopilotFolderProperty::getGithubTokenCredentialsId, g ? global.getGithubTokenCredentialsId() : null);
        this.connectionTokenCredentialsId = first(step.connectionTokenCredentialsId, folders,
                CopilotFolderProperty::getConnectionTokenCredentialsId,
                g ? global.getConnectionTokenCredentialsId() : null);
        int timeout = step.timeout;
        for (CopilotFolderProperty f : folders) {
            timeout = timeout > 0 ? timeout : f.getTimeoutSeconds();
        }
        timeout = timeout > 0 ? timeout : g ? global.getTimeoutSeconds() : 0;
        this.timeoutSeconds = timeout > 0 ? timeout : DEFAULT_TIMEOUT_SECONDS;
        this.permissions = first(step.permissions, folders, CopilotFolderProperty::getPermissions,
                g ? global.getPermissions() : null);
        this.systemMessage = step.systemMessage; // per step only: there is no global system message
    }

    /**
     * The one merge: per field, the step's value where given, else the nearest folder's ({@code folders} nearest
     * first, see {@link CopilotFolderProperty#chainOf}), else the global one. Empty values fall through.
     */
    static CopilotSettings merge(CopilotGlobalConfiguration global, List<CopilotFolderProperty> folders,
                                 CopilotOverrides step) {
        return new CopilotSettings(global, folders, step);
    }

    PermissionPolicy permissionPolicy() {
        try {
            return PermissionPolicy.parse(permissions);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.CopilotSettings_BadPermissions(permissions));
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

    private static String first(String step, List<CopilotFolderProperty> folders,
                                Function<CopilotFolderProperty, String> field, String global) {
        if (step != null && !step.isBlank()) {
            return step.trim();
        }
        for (CopilotFolderProperty f : folders) {
            String v = field.apply(f);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return global != null && !global.isBlank() ? global.trim() : null;
    }
}
