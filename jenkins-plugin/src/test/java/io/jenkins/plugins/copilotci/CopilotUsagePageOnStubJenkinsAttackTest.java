package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Item;
import hudson.model.ManagementLink;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.AccessDeniedException3;
import hudson.security.Permission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The usage page shows every folder's activity, so only administrators may see it: the link asks for ADMINISTER
 * (Manage Jenkins hides it from others) and Stapler's {@code getTarget()} checks it on every request through core's
 * permission path (the stubs' ACL, the caller from the spring-security context), since a hidden link is still a URL.
 */
class CopilotUsagePageOnStubJenkinsAttackTest {
    @TempDir
    Path home;
    private final Map<String, Set<Permission>> grants = new ConcurrentHashMap<>();
    private CopilotUsageLink page;

    /** The controller, with an ACL as core's SidACL answers it. */
    private final AccessControlled controller = () -> StubJenkins.acl(grants);

    @BeforeEach
    void start() {
        CopilotUsage usage = new CopilotUsage(CopilotUsage.jsonFile(home.resolve("usage.json")));
        usage.prompt("secret-team/app", "prompt", false, 1, 10, 1);
        page = new CopilotUsageLink(usage, () -> controller);
    }

    @AfterEach
    void stop() {
        SecurityContextHolder.clearContext();
    }

    private void actAs(String user, Permission... granted) {
        grants.put(user, Set.of(granted));
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(user, "password", List.of()));
    }

    @Test
    void aUserWithReadAndBuildCannotOpenThePage() {
        actAs("mallory", Jenkins.READ, Item.READ, Item.BUILD, Item.CONFIGURE);
        AccessDeniedException3 denied = assertThrows(AccessDeniedException3.class, page::getTarget);
        assertEquals(Jenkins.ADMINISTER, denied.permission);
        assertEquals("mallory", denied.authentication.getName());
    }

    @Test
    void anonymousCannotOpenThePage() {
        AccessDeniedException3 denied = assertThrows(AccessDeniedException3.class, page::getTarget);
        assertEquals(Jenkins.ANONYMOUS2, denied.authentication);
    }

    @Test
    void anAdministratorSeesTheCounters() {
        actAs("admin", Jenkins.ADMINISTER);
        assertSame(page, page.getTarget());
        assertEquals(1, page.getTotal().prompts());
        assertEquals(Set.of("secret-team"), page.getFolders().keySet());
    }

    @Test
    void theLinkIsListedForAdministratorsOnly() {
        assertEquals(Jenkins.ADMINISTER, page.getRequiredPermission());
        assertEquals(ManagementLink.Category.STATUS, page.getCategory());
        assertEquals("copilot-usage", page.getUrlName());
    }

    @Test
    void theViewAlsoAsksForAdministerAndWritesOnlyEscapedText() throws Exception {
        String view = Files.readString(
                Path.of("src/main/resources/io/jenkins/plugins/copilotci/CopilotUsageLink/index.jelly"));
        assertTrue(view.startsWith("<?jelly escape-by-default='true'?>"), "folder names are escaped");
        assertTrue(view.contains("<l:layout title=\"Copilot usage\" permission=\"${app.ADMINISTER}\">"), view);
        for (String raw : List.of("<j:out", "<st:out", "escapeText", "markupFormatter")) {
            assertFalse(view.contains(raw), raw);
        }
    }
}
