package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Who sees which credentials in the Copilot dropdowns (step forms and global configuration). The stores' visibility
 * rules are the credentials plugin's; here a fake store answers per authentication, as the real one does: the
 * folder's credentials for the job's authentication, the global ones for SYSTEM2, nothing for the user's own login.
 */
class CredentialDropdownsOnStubJenkinsTest {
    private static final Authentication JOB = new TestingAuthenticationToken("job-runs-as", null);

    /**
     * Records each listing; answers like credentials' stores would for these authentications. The component
     * {@code isAdministrator} is the lookup's own {@link CredentialChoices.Lookup#isAdministrator()}.
     */
    private record FakeStores(boolean isAdministrator, List<String> listings) implements CredentialChoices.Lookup {
        FakeStores(boolean isAdministrator) {
            this(isAdministrator, new CopyOnWriteArrayList<>());
        }

        @Override
        public Authentication buildAuthentication(Item item) {
            return JOB;
        }

        @Override
        public ListBoxModel secretTexts(Authentication as, Item item) {
            listings.add((as == ACL.SYSTEM2 ? "SYSTEM" : as.getName()) + "@" + (item == null ? "root" : item.getName()));
            ListBoxModel visible = new ListBoxModel();
            if (as == ACL.SYSTEM2) {
                visible.add("global key", "global-key");
            } else if (as == JOB) {
                visible.add("folder key", "folder-key");
                visible.add("global key", "global-key");
            }
            return visible;
        }
    }

    private static Map<String, String> options(ListBoxModel model) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        model.forEach(o -> m.put(o.value, o.name));
        return m;
    }

    @Test
    void globalFormListsAsTheSystemForAnAdministratorOnly() {
        FakeStores admin = new FakeStores(true);
        ListBoxModel listed = CredentialChoices.of(null, "global-key", admin);
        assertEquals(List.of("SYSTEM@root"), admin.listings());
        assertEquals(Map.of("", "- none -", "global-key", "global key"), options(listed));

        FakeStores user = new FakeStores(false);
        ListBoxModel current = CredentialChoices.of(null, "global-key", user);
        assertEquals(List.of(), user.listings(), "a non-administrator never reaches the stores");
        assertEquals(Map.of("global-key", "- current -"), options(current), "only the current value, to keep it");
    }

    @Test
    void itemFormWithoutPermissionReturnsOnlyTheCurrentValue() throws Exception {
        FakeJob job = new FakeJob("team", "app");
        job.granted.add(Item.READ);
        job.granted.add(Item.BUILD);
        FakeStores stores = new FakeStores(true);
        ListBoxModel current = CredentialChoices.of(job, "folder-key", stores);
        assertEquals(List.of(), stores.listings());
        assertEquals(Map.of("folder-key", "- current -"), options(current));
        assertEquals(Map.of("", "- none -"), options(CredentialChoices.of(job, null, stores)));
    }

    @Test
    void itemFormWithPermissionListsWhatTheJobsBuildsCanUse() throws Exception {
        for (var permission : List.of(Item.EXTENDED_READ, CredentialsProvider.USE_ITEM)) {
            FakeJob job = new FakeJob("team", "app");
            job.granted.add(permission);
            FakeStores stores = new FakeStores(false);
            ListBoxModel listed = CredentialChoices.of(job, "deleted-key", stores);
            assertEquals(List.of("job-runs-as@app"), stores.listings(), "looked up as the build will: " + permission);
            assertEquals(List.of("", "deleted-key", "folder-key", "global-key"),
                    listed.stream().map(o -> o.value).toList(),
                    "empty first, then the (missing) current value, then what the job can use");
        }
    }
}
