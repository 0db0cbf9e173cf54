package io.jenkins.plugins.copilotci;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * The Secret text credentials a Copilot dropdown offers, as the credentials plugin's consumer guide prescribes: only
 * a user who may configure (the item, or Jenkins when there is no item) sees the list; the list is what the build
 * will be able to use, i.e. looked up as the job runs ({@code Tasks.getAuthenticationOf2}) rather than as the user,
 * whose own authentication sees nothing in the global and folder stores; the current value is always kept, so a save
 * by someone who cannot list does not clear it.
 */
final class CredentialChoices {
    /** The look-ups that need a running Jenkins (tests supply their own). */
    interface Lookup {
        boolean isAdministrator();

        /** The authentication builds of {@code item} run as. */
        Authentication buildAuthentication(Item item);

        /** Secret text credentials visible to {@code as} in {@code item} (or Jenkins itself when null). */
        ListBoxModel secretTexts(Authentication as, Item item);
    }

    static final Lookup JENKINS = new Lookup() {
        @Override
        public boolean isAdministrator() {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }

        @Override
        public Authentication buildAuthentication(Item item) {
            return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        }

        @Override
        public ListBoxModel secretTexts(Authentication as, Item item) {
            StandardListBoxModel model = new StandardListBoxModel();
            if (item == null) {
                model.includeMatchingAs(as, Jenkins.get(), StringCredentials.class, List.of(),
                        CredentialsMatchers.always());
            } else {
                model.includeMatchingAs(as, item, StringCredentials.class, List.of(), CredentialsMatchers.always());
            }
            return model;
        }
    };

    private CredentialChoices() {
    }

    static ListBoxModel of(Item item, String current, Lookup lookup) {
        StandardListBoxModel result = new StandardListBoxModel();
        boolean mayList = item == null ? lookup.isAdministrator()
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
        if (!mayList) {
            result.includeCurrentValue(current);
            return result;
        }
        // Without an item this is global configuration (or Pipeline Syntax at the root): the system's view.
        Authentication as = item == null ? ACL.SYSTEM2 : lookup.buildAuthentication(item);
        result.includeEmptyValue();
        result.addMissing(lookup.secretTexts(as, item));
        result.includeCurrentValue(current);
        return result;
    }
}
