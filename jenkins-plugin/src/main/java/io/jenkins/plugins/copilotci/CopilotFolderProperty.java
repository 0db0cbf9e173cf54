package io.jenkins.plugins.copilotci;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.List;
import jenkins.YesNoMaybe;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * Folder → Configure → Copilot: defaults for the jobs inside the folder, over the global configuration. Every field
 * left empty (0 for the timeout) falls through to the next folder up, then to the global value. Holds credential ids
 * only, like the global configuration. Auto-explain is decided as a whole by the nearest folder that says on or off
 * ({@link AutoExplainRules#of}); its hourly limit by the nearest folder that sets one ({@link #folderLimitOf}), on top
 * of the controller's.
 */
public class CopilotFolderProperty extends AbstractFolderProperty<AbstractFolder<?>> {
    private String cliUrls;
    private String connectionTokenCredentialsId;
    private String githubTokenCredentialsId;
    private String providerType;
    private String providerBaseUrl;
    private String providerApiKeyCredentialsId;
    private String model;
    private int timeoutSeconds;
    private String permissions;
    /** {@link #ON}, {@link #OFF}, or null: inherit from the folder above, else the global switch. */
    private String autoExplain;
    private boolean autoExplainUnstable;
    private String autoExplainInclude;
    private String autoExplainExclude;
    /** Automatic explanations per hour for the jobs inside this folder, all together; 0: the folder above decides. */
    private int autoExplainPerHour;

    static final String ON = "on";
    static final String OFF = "off";

    @DataBoundConstructor
    public CopilotFolderProperty() {}

    /**
     * The Copilot properties of the folders around a job, nearest first: the chain {@link CopilotSettings#merge}
     * resolves field by field.
     */
    static List<CopilotFolderProperty> chainOf(Job<?, ?> job) {
        return layersOf(job).stream().map(Layer::property).toList();
    }

    /**
     * The hourly limit of the nearest folder around {@code job} that sets one, named by that folder's full name (its
     * jobs share it); else {@code perFolderDefault} for the job's top-level folder, so that no folder's failures
     * spend the whole controller's hour; null for a job outside any folder, or when the default is 0.
     */
    static HourlyQuota.FolderLimit folderLimitOf(Job<?, ?> job, int perFolderDefault) {
        for (Layer layer : layersOf(job)) {
            if (layer.property().getAutoExplainPerHour() > 0) {
                return new HourlyQuota.FolderLimit(layer.folderFullName(), layer.property().getAutoExplainPerHour());
            }
        }
        String topLevel = null;
        for (ItemGroup<?> parent = job.getParent(); parent instanceof AbstractFolder<?> folder;
                parent = folder.getParent()) {
            topLevel = folder.getFullName();
        }
        return topLevel == null || perFolderDefault <= 0 ? null
                : new HourlyQuota.FolderLimit(topLevel, perFolderDefault);
    }

    /** A folder with the property; the folder's name is kept because the property's owner is set only on load. */
    private record Layer(String folderFullName, CopilotFolderProperty property) {
    }

    private static List<Layer> layersOf(Job<?, ?> job) {
        List<Layer> chain = new ArrayList<>();
        ItemGroup<?> parent = job.getParent();
        while (parent instanceof AbstractFolder<?> folder) {
            CopilotFolderProperty p = folder.getProperties().get(CopilotFolderProperty.class);
            if (p != null) {
                chain.add(new Layer(folder.getFullName(), p));
            }
            parent = folder.getParent();
        }
        return chain;
    }

    public String getCliUrls() {
        return cliUrls;
    }

    @DataBoundSetter
    public void setCliUrls(String cliUrls) {
        this.cliUrls = cliUrls;
    }

    public String getConnectionTokenCredentialsId() {
        return connectionTokenCredentialsId;
    }

    @DataBoundSetter
    public void setConnectionTokenCredentialsId(String connectionTokenCredentialsId) {
        this.connectionTokenCredentialsId = connectionTokenCredentialsId;
    }

    public String getGithubTokenCredentialsId() {
        return githubTokenCredentialsId;
    }

    @DataBoundSetter
    public void setGithubTokenCredentialsId(String githubTokenCredentialsId) {
        this.githubTokenCredentialsId = githubTokenCredentialsId;
    }

    public String getProviderType() {
        return providerType;
    }

    @DataBoundSetter
    public void setProviderType(String providerType) {
        this.providerType = providerType;
    }

    public String getProviderBaseUrl() {
        return providerBaseUrl;
    }

    @DataBoundSetter
    public void setProviderBaseUrl(String providerBaseUrl) {
        this.providerBaseUrl = providerBaseUrl;
    }

    public String getProviderApiKeyCredentialsId() {
        return providerApiKeyCredentialsId;
    }

    @DataBoundSetter
    public void setProviderApiKeyCredentialsId(String providerApiKeyCredentialsId) {
        this.providerApiKeyCredentialsId = providerApiKeyCredentialsId;
    }

    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(String model) {
        this.model = model;
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = Math.max(0, timeoutSeconds);
    }

    public String getPermissions() {
        return permissions;
    }

    @DataBoundSetter
    public void setPermissions(String permissions) {
        this.permissions = permissions;
    }

    /** {@code on}, {@code off}, or null (inherit). */
    public String getAutoExplain() {
        return autoExplain;
    }

    /** Anything but on/off (blank, "inherit", a typo) inherits: a folder never switches auto-explain by accident. */
    @DataBoundSetter
    public void setAutoExplain(String autoExplain) {
        String v = autoExplain == null ? "" : autoExplain.trim();
        this.autoExplain = ON.equals(v) || OFF.equals(v) ? v : null;
    }

    public boolean isAutoExplainUnstable() {
        return autoExplainUnstable;
    }

    @DataBoundSetter
    public void setAutoExplainUnstable(boolean autoExplainUnstable) {
        this.autoExplainUnstable = autoExplainUnstable;
    }

    public String getAutoExplainInclude() {
        return autoExplainInclude;
    }

    @DataBoundSetter
    public void setAutoExplainInclude(String autoExplainInclude) {
        this.autoExplainInclude = autoExplainInclude;
    }

    public String getAutoExplainExclude() {
        return autoExplainExclude;
    }

    @DataBoundSetter
    public void setAutoExplainExclude(String autoExplainExclude) {
        this.autoExplainExclude = autoExplainExclude;
    }

    public int getAutoExplainPerHour() {
        return autoExplainPerHour;
    }

    @DataBoundSetter
    public void setAutoExplainPerHour(int autoExplainPerHour) {
        this.autoExplainPerHour = Math.max(0, autoExplainPerHour);
    }

    /** The symbol names the property in Job DSL ({@code folder('x') { properties { copilot { … } } }}), as in JCasC. */
    @Extension(dynamicLoadable = YesNoMaybe.YES)
    @Symbol("copilot")
    public static class DescriptorImpl extends AbstractFolderPropertyDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.CopilotFolderProperty_DisplayName();
        }

        // Listed as the global configuration lists them, but in the folder: its own store plus the ones above it.
        public ListBoxModel doFillConnectionTokenCredentialsIdItems(@AncestorInPath Item item,
                                                                    @QueryParameter String connectionTokenCredentialsId) {
            return CredentialChoices.of(item, connectionTokenCredentialsId, CredentialChoices.JENKINS);
        }

        public ListBoxModel doFillGithubTokenCredentialsIdItems(@AncestorInPath Item item,
                                                                @QueryParameter String githubTokenCredentialsId) {
            return CredentialChoices.of(item, githubTokenCredentialsId, CredentialChoices.JENKINS);
        }

        public ListBoxModel doFillProviderApiKeyCredentialsIdItems(@AncestorInPath Item item,
                                                                   @QueryParameter String providerApiKeyCredentialsId) {
            return CredentialChoices.of(item, providerApiKeyCredentialsId, CredentialChoices.JENKINS);
        }

        /** The empty choice inherits: from the folder above, else the global configuration. */
        public ListBoxModel doFillPermissionsItems() {
            return CopilotStepDescriptor.permissionItems(Messages.PermissionChoice_Inherit());
        }

        public FormValidation doCheckAutoExplainInclude(@QueryParameter String value) {
            return CopilotGlobalConfiguration.checkPattern(value);
        }

        public FormValidation doCheckAutoExplainExclude(@QueryParameter String value) {
            return CopilotGlobalConfiguration.checkPattern(value);
        }

        /** The empty choice inherits: from the folder above, else the global switch. */
        public ListBoxModel doFillAutoExplainItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.CopilotFolderProperty_AutoExplainInherit(), "");
            items.add(Messages.CopilotFolderProperty_AutoExplainOn(), ON);
            items.add(Messages.CopilotFolderProperty_AutoExplainOff(), OFF);
            return items;
        }
    }
}
