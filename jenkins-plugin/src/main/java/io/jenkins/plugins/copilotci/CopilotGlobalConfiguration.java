package io.jenkins.plugins.copilotci;

import dev.copilotci.client.PermissionPolicy;
import dev.copilotci.job.ServerProbe;
import hudson.Extension;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.time.Duration;
import java.util.List;
import jenkins.YesNoMaybe;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins → System → Copilot (JCasC: {@code unclassified: copilot:}). Defaults for every Copilot step; secrets
 * are credential ids (Secret text), never inline values.
 */
@Extension(dynamicLoadable = YesNoMaybe.YES)
@Symbol("copilot")
public class CopilotGlobalConfiguration extends GlobalConfiguration {
    private String cliUrls;
    private String connectionTokenCredentialsId;
    private String githubTokenCredentialsId;
    private String providerType = "openai";
    private String providerBaseUrl;
    private String providerApiKeyCredentialsId;
    private String model;
    private int timeoutSeconds = CopilotSettings.DEFAULT_TIMEOUT_SECONDS;
    private String permissions = "deny";
    private String cliPath = "copilot";
    private boolean autoExplain;
    private boolean autoExplainUnstable;
    private String autoExplainInclude;
    private String autoExplainExclude;
    private int autoExplainPerHour = FailureExplainer.DEFAULT_PER_HOUR;
    /** Per top-level folder, for folders whose Copilot settings set no limit of their own; 0: none. */
    private int autoExplainPerFolderPerHour = FailureExplainer.DEFAULT_PER_HOUR;
    private int pruneSessionsOlderThanHours = SessionPruner.DEFAULT_HOURS;

    public CopilotGlobalConfiguration() {
        load();
    }

    /**
     * The configured instance, or {@code null} where no Jenkins runs: the compile-only stubs throw
     * UnsupportedOperationException, and Jenkins.get() throws IllegalStateException before startup.
     */
    static CopilotGlobalConfiguration get() {
        try {
            return GlobalConfiguration.all().get(CopilotGlobalConfiguration.class);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return null;
        }
    }

    public String getCliUrls() {
        return cliUrls;
    }

    @DataBoundSetter
    public void setCliUrls(String cliUrls) {
        this.cliUrls = blankToNull(cliUrls);
        save();
    }

    public String getConnectionTokenCredentialsId() {
        return connectionTokenCredentialsId;
    }

    @DataBoundSetter
    public void setConnectionTokenCredentialsId(String id) {
        this.connectionTokenCredentialsId = blankToNull(id);
        save();
    }

    public String getGithubTokenCredentialsId() {
        return githubTokenCredentialsId;
    }

    @DataBoundSetter
    public void setGithubTokenCredentialsId(String id) {
        this.githubTokenCredentialsId = blankToNull(id);
        save();
    }

    public String getProviderType() {
        return providerType;
    }

    @DataBoundSetter
    public void setProviderType(String providerType) {
        this.providerType = blankToNull(providerType) == null ? "openai" : providerType.trim();
        save();
    }

    public String getProviderBaseUrl() {
        return providerBaseUrl;
    }

    @DataBoundSetter
    public void setProviderBaseUrl(String providerBaseUrl) {
        this.providerBaseUrl = blankToNull(providerBaseUrl);
        save();
    }

    public String getProviderApiKeyCredentialsId() {
        return providerApiKeyCredentialsId;
    }

    @DataBoundSetter
    public void setProviderApiKeyCredentialsId(String id) {
        this.providerApiKeyCredentialsId = blankToNull(id);
        save();
    }

    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(String model) {
        this.model = blankToNull(model);
        save();
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds > 0 ? timeoutSeconds : CopilotSettings.DEFAULT_TIMEOUT_SECONDS;
        save();
    }

    public String getPermissions() {
        return permissions;
    }

    @DataBoundSetter
    public void setPermissions(String permissions) {
        this.permissions = blankToNull(permissions) == null ? "deny" : permissions.trim();
        save();
    }

    public String getCliPath() {
        return cliPath;
    }

    @DataBoundSetter
    public void setCliPath(String cliPath) {
        this.cliPath = blankToNull(cliPath) == null ? "copilot" : cliPath.trim();
        save();
    }

    /** Explain every failed build on the controller, without pipeline changes (needs a CLI URL). */
    public boolean isAutoExplain() {
        return autoExplain;
    }

    @DataBoundSetter
    public void setAutoExplain(boolean autoExplain) {
        this.autoExplain = autoExplain;
        save();
    }

    public boolean isAutoExplainUnstable() {
        return autoExplainUnstable;
    }

    @DataBoundSetter
    public void setAutoExplainUnstable(boolean autoExplainUnstable) {
        this.autoExplainUnstable = autoExplainUnstable;
        save();
    }

    public String getAutoExplainInclude() {
        return autoExplainInclude;
    }

    @DataBoundSetter
    public void setAutoExplainInclude(String autoExplainInclude) {
        this.autoExplainInclude = blankToNull(autoExplainInclude);
        save();
    }

    public String getAutoExplainExclude() {
        return autoExplainExclude;
    }

    @DataBoundSetter
    public void setAutoExplainExclude(String autoExplainExclude) {
        this.autoExplainExclude = blankToNull(autoExplainExclude);
        save();
    }

    public int getAutoExplainPerHour() {
        return autoExplainPerHour;
    }

    @DataBoundSetter
    public void setAutoExplainPerHour(int autoExplainPerHour) {
        this.autoExplainPerHour = autoExplainPerHour >= 0 ? autoExplainPerHour : FailureExplainer.DEFAULT_PER_HOUR;
        save();
    }

    public int getAutoExplainPerFolderPerHour() {
        return autoExplainPerFolderPerHour;
    }

    @DataBoundSetter
    public void setAutoExplainPerFolderPerHour(int autoExplainPerFolderPerHour) {
        this.autoExplainPerFolderPerHour = autoExplainPerFolderPerHour >= 0 ? autoExplainPerFolderPerHour
                : FailureExplainer.DEFAULT_PER_HOUR;
        save();
    }

    /** Job sessions ({@code ci-…}) on the CLI servers not used for this many hours are deleted hourly; 0: never. */
    public int getPruneSessionsOlderThanHours() {
        return pruneSessionsOlderThanHours;
    }

    @DataBoundSetter
    public void setPruneSessionsOlderThanHours(int hours) {
        this.pruneSessionsOlderThanHours = hours >= 0 ? hours : SessionPruner.DEFAULT_HOURS;
        save();
    }

    public FormValidation doCheckPruneSessionsOlderThanHours(@QueryParameter String value) {
        return FormValidation.validateNonNegativeInteger(value);
    }

    public FormValidation doCheckAutoExplainInclude(@QueryParameter String value) {
        return checkPattern(value);
    }

    public FormValidation doCheckAutoExplainExclude(@QueryParameter String value) {
        return checkPattern(value);
    }

    /** Also the folder property's check of its own patterns. */
    static FormValidation checkPattern(String value) {
        try {
            AutoExplainRules.compile(value);
            return FormValidation.ok();
        } catch (java.util.regex.PatternSyntaxException e) {
            return FormValidation.error(Messages.CopilotGlobalConfiguration_NotARegularExpression(e.getDescription()));
        }
    }

    // ---------------------------------------------------------------- form helpers

    public ListBoxModel doFillConnectionTokenCredentialsIdItems(@QueryParameter String connectionTokenCredentialsId) {
        return credentialItems(connectionTokenCredentialsId);
    }

    public ListBoxModel doFillGithubTokenCredentialsIdItems(@QueryParameter String githubTokenCredentialsId) {
        return credentialItems(githubTokenCredentialsId);
    }

    public ListBoxModel doFillProviderApiKeyCredentialsIdItems(@QueryParameter String providerApiKeyCredentialsId) {
        return credentialItems(providerApiKeyCredentialsId);
    }

    public ListBoxModel doFillPermissionsItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.PermissionChoice_DenyDefault(), "deny");
        items.add(Messages.PermissionChoice_ReadOnly(), "readOnly");
        items.add(Messages.PermissionChoice_AllowAll(), "allowAll");
        return items;
    }

    /** Global configuration has no item: administrators only, listed as the system; see {@link CredentialChoices}. */
    private static ListBoxModel credentialItems(String current) {
        return CredentialChoices.of(null, current, CredentialChoices.JENKINS);
    }

    public FormValidation doCheckCliUrls(@QueryParameter String value) {
        for (String url : CopilotSettings.splitUrls(value)) {
            try {
                dev.copilotci.client.CliUrl.parse(url);
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
        return FormValidation.ok();
    }

    public FormValidation doCheckPermissions(@QueryParameter String value) {
        try {
            PermissionPolicy.parse(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** "Test connection": ping + status + auth status against the first reachable URL. */
    @POST
    public FormValidation doTestConnection(@QueryParameter String cliUrls,
                                           @QueryParameter String connectionTokenCredentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        List<String> urls = CopilotSettings.splitUrls(cliUrls);
        if (urls.isEmpty()) {
            return FormValidation.warning(Messages.CopilotGlobalConfiguration_NoCliUrl());
        }
        List<ServerProbe.Health> results = checkConnection(urls,
                CopilotCredentials.systemSecret(connectionTokenCredentialsId));
        String report = String.join("\n", results.stream().map(CopilotGlobalConfiguration::describe).toList());
        long healthy = results.stream().filter(ServerProbe.Health::ok).count();
        return healthy == results.size() ? FormValidation.ok(report)
                : healthy > 0 ? FormValidation.warning(report) : FormValidation.error(report);
    }

    /**
     * Each URL probed on its own (connect, ping, status, auth status; 10 s each): the same fields as the runner's
     * {@code health} command, so a failover list shows which server is down.
     */
    static List<ServerProbe.Health> checkConnection(List<String> urls, String token) {
        return new ServerProbe(token, Duration.ofSeconds(10)).checkAll(urls);
    }

    /** One line per URL: its summary (version, protocol, auth, ms), or why it is not healthy. */
    static String describe(ServerProbe.Health h) {
        return h.ok() ? h.summary() + " (" + h.ms() + " ms)" : h.url() + ": " + h.error();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
