package io.jenkins.plugins.copilotci;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.List;
import jenkins.YesNoMaybe;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * Folder → Configure → Copilot: defaults for the jobs inside the folder, over the global configuration. Every field
 * left empty (0 for the timeout) falls through to the next folder up, then to the global value. Holds credential ids
 * only, like the global configuration.
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

    @DataBoundConstructor
    public CopilotFolderProperty() {}

    /**
     * The Copilot properties of the folders around a job, nearest first: the chain {@link CopilotSettings#merge}
     * resolves field by field.
     */
    static List<CopilotFolderProperty> chainOf(Job<?, ?> job) {
        List<CopilotFolderProperty> chain = new ArrayList<>();
        ItemGroup<?> parent = job.getParent();
        while (parent instanceof AbstractFolder<?> folder) {
            CopilotFolderProperty p = folder.getProperties().get(CopilotFolderProperty.class);
            if (p != null) {
                chain.add(p);
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

    @Extension(dynamicLoadable = YesNoMaybe.YES)
    public static class DescriptorImpl extends AbstractFolderPropertyDescriptor {
        @Override
        public String getDisplayName() {
            return "Copilot";
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
            return CopilotStepDescriptor.permissionItems("(inherit)");
        }
    }
}
