package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import hudson.model.Item;
import hudson.model.Result;
import hudson.security.AccessDeniedException3;
import hudson.security.Permission;
import io.jenkins.plugins.copilotci.FailureExplainerOnStubJenkinsTest.TestGlobal;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * "Explain with Copilot" on a failed build's page: someone who may read the job but not build it must not spend the
 * model budget. The POST goes through core's permission path (the stubs' ACL.checkPermission, the caller from the
 * spring-security context, implication by {@code impliedBy}); an allowed one is answered by the REAL CLI.
 */
@Timeout(120)
class ExplainButtonOnStubJenkinsAttackTest {
    @TempDir
    Path home;
    @RegisterExtension
    final ScriptedCopilot cli = new ScriptedCopilot();
    private GatedExecutor pool;
    private FailureExplainer explainer;
    private FakeRun run;
    private final List<String> redirects = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        TestGlobal global = new TestGlobal();
        cli.configured(global);
        pool = new GatedExecutor();
        explainer = new FailureExplainer(() -> global, (s, r) -> CopilotCredentials.of(null, null, null), pool,
                HourlyQuota.perHour(), new PendingExplanations(home.resolve("pending.txt")));
        run = new FakeRun(new FakeJob("team", "app"), 42);
        run.result = Result.FAILURE;
        run.log.add("[ERROR] Tests run: 3, Failures: 1");
    }

    @AfterEach
    void stop() {
        SecurityContextHolder.clearContext();
    }

    private void actAs(String user, Permission... granted) {
        run.grants.put(user, Set.of(granted));
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(user, "password", List.of()));
    }

    private ExplainAction button() {
        List<hudson.model.Action> actions = List.copyOf(new ExplainActionFactory(() -> explainer).createFor(run));
        assertEquals(1, actions.size());
        return (ExplainAction) actions.get(0);
    }

    private StaplerResponse2 response() {
        return (StaplerResponse2) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StaplerResponse2.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendRedirect")) {
                        redirects.add((String) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aReaderWithoutBuildPermissionCannotStartAnExplanation() {
        actAs("mallory", Item.READ);
        ExplainAction button = button();
        assertNull(button.getIconFileName(), "the button is not even shown");

        AccessDeniedException3 denied = assertThrows(AccessDeniedException3.class,
                () -> button.doExplain(response()));
        assertEquals(CopilotPermissions.EXPLAIN, denied.permission);
        assertEquals("mallory is missing the Copilot/Explain permission", denied.getMessage());
        assertNull(CopilotRunAction.find(run), "nothing queued, nothing recorded");
        assertEquals(0, pool.waiting());
        assertTrue(redirects.isEmpty());
    }

    @Test
    void anonymousCannotEvenRead() {
        ExplainAction button = button();
        AccessDeniedException3 denied = assertThrows(AccessDeniedException3.class,
                () -> button.doExplain(response()));
        assertEquals(Item.READ, denied.permission);
        assertEquals(Jenkins.ANONYMOUS2, denied.authentication);
        assertEquals(0, pool.waiting());
    }

    @Test
    void whoeverMayBuildMayAskAndIsSentToTheCopilotPage() throws Exception {
        actAs("dev", Item.READ, Item.BUILD);
        ExplainAction button = button();
        assertNotNull(button.getIconFileName());
        cli.model().enqueue(ScriptedResponse.text("Test FooTest failed: expected 2 but was 3."));

        button.doExplain(response());

        assertEquals(List.of("../copilot/"), redirects);
        CopilotRunAction action = CopilotRunAction.find(run);
        assertEquals("user", action.getExplaining(), "the page shows 'explaining…' meanwhile");
        button.doExplain(response());
        assertEquals(1, pool.waiting(), "a second click while it runs queues nothing more");

        pool.release().get(90, TimeUnit.SECONDS);
        assertEquals("explain", action.getRecords().get(0).getKind());
        assertEquals("Test FooTest failed: expected 2 but was 3.", action.getRecords().get(0).getAnswer());
        assertEquals(Result.FAILURE, run.getResult());
    }

    @Test
    void administratorsMayAskThroughImplication() throws Exception {
        actAs("admin", Jenkins.ADMINISTER);
        button().doExplain(response());
        assertEquals(1, pool.waiting());
    }

    @Test
    void explainIsPostOnlyAndOfferedOnlyOnFinishedUnsuccessfulBuilds() throws Exception {
        assertNotNull(ExplainAction.class.getMethod("doExplain", StaplerResponse2.class).getAnnotation(POST.class),
                "GET is refused by Stapler, and a POST needs the CSRF crumb");
        run.result = Result.SUCCESS;
        assertTrue(new ExplainActionFactory().createFor(run).isEmpty());
        run.result = Result.UNSTABLE;
        assertEquals(1, new ExplainActionFactory().createFor(run).size());
        run.building = true;
        run.result = null;
        assertTrue(new ExplainActionFactory().createFor(run).isEmpty());
        assertEquals(Item.BUILD, CopilotPermissions.EXPLAIN.impliedBy);
        assertEquals("io.jenkins.plugins.copilotci.CopilotPermissions.Explain", CopilotPermissions.EXPLAIN.getId());
    }
}
