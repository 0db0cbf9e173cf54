package io.jenkins.plugins.copilotci;

import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;

/**
 * What every Copilot step shares: it needs only the build and its log (so it also works outside {@code node}; a
 * workspace and launcher are used when present), and its form offers the same credentials and policies.
 */
public abstract class CopilotStepDescriptor extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }

    public ListBoxModel doFillProviderApiKeyCredentialsIdItems(@AncestorInPath Item item,
                                                               @QueryParameter String providerApiKeyCredentialsId) {
        return credentials(item, providerApiKeyCredentialsId);
    }

    public ListBoxModel doFillGithubTokenCredentialsIdItems(@AncestorInPath Item item,
                                                            @QueryParameter String githubTokenCredentialsId) {
        return credentials(item, githubTokenCredentialsId);
    }

    public ListBoxModel doFillConnectionTokenCredentialsIdItems(@AncestorInPath Item item,
                                                                @QueryParameter String connectionTokenCredentialsId) {
        return credentials(item, connectionTokenCredentialsId);
    }

    public ListBoxModel doFillPermissionsItems() {
        return permissionItems();
    }

    /** The permission policies a step's form offers (Pipeline steps and freestyle build steps alike). */
    static ListBoxModel permissionItems() {
        return permissionItems(Messages.PermissionChoice_GlobalDefault());
    }

    /** The permission policies a form offers; {@code emptyChoice} names what the empty choice falls back to. */
    static ListBoxModel permissionItems(String emptyChoice) {
        ListBoxModel items = new ListBoxModel();
        items.add(emptyChoice, "");
        items.add(Messages.PermissionChoice_Deny(), "deny");
        items.add(Messages.PermissionChoice_ReadOnly(), "readOnly");
        items.add(Messages.PermissionChoice_AllowAll(), "allowAll");
        return items;
    }

    /** Secret text credentials builds of this job can use; see {@link CredentialChoices}. */
    static ListBoxModel credentials(Item item, String current) {
        return CredentialChoices.of(item, current, CredentialChoices.JENKINS);
    }
}
