package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.RecordedRequest;
import dev.copilotci.offline.ScriptedResponse;
import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.copilotci.StubJenkins.FakeContext;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jenkins.security.Roles;
import org.jenkinsci.remoting.Role;
import org.jenkinsci.remoting.RoleChecker;
import org.jenkinsci.remoting.RoleSensitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pull request is the attacker: it replaces a file the Pipeline names ({@code copilotPrompt files: [...]},
 * {@code copilotReview diffFile: ...}) with a link to a secret elsewhere on the agent or to {@code /proc/self/environ}.
 * The steps must refuse by real path, with a clear message, and the model must never see the secret. Real engine, real
 * Copilot CLI, scripted model, our stub Jenkins contexts (a local workspace: {@code FilePath.act} runs the check here,
 * as core does on the agent).
 */
@Timeout(120)
class WorkspaceLinkAttackOnStubJenkinsTest {
    private static final String SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- agent-key-6f1c0d";

    @RegisterExtension
    final ScriptedCopilot cli = new ScriptedCopilot();
    private final FakeRun run = FakeRun.of("team", "app", 7);
    private final RecordingListener console = new RecordingListener();

    private FakeContext inWorkspace(Path workspace) {
        FakeContext context = new FakeContext(run, console);
        context.objects.put(FilePath.class, new FilePath(workspace.toFile()));
        return context;
    }

    /** The step's failure, or {@code null} when it succeeded (checked after what the model saw). */
    private static Throwable failureOf(FakeContext context) throws Exception {
        try {
            context.outcome.get(90, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private void assertModelNeverSaw(String secret) {
        for (RecordedRequest r : cli.model().allRequests()) {
            assertFalse(String.valueOf(r.body()).contains(secret), "the secret reached the model: " + r.path());
        }
        assertEquals(0, cli.model().chatRequestCount(), "nothing was prompted");
    }

    private static String abortMessage(Throwable failure) {
        AbortException e = assertInstanceOf(AbortException.class, failure, "the step fails with a clear message");
        return e.getMessage();
    }

    @Test
    void promptFilesThatLinkOutOfTheWorkspaceAreRefused(@TempDir Path root) throws Exception {
        Path workspace = Files.createDirectories(root.resolve("workspace"));
        Path elsewhere = Files.createDirectories(root.resolve("home/.ssh"));
        Files.writeString(elsewhere.resolve("id_rsa"), SECRET + "\n");
        Files.createSymbolicLink(workspace.resolve("notes.md"), elsewhere.resolve("id_rsa"));
        Files.createSymbolicLink(workspace.resolve("docs"), elsewhere); // a directory link: docs/id_rsa
        cli.model().setDefault(ScriptedResponse.text("read it"));

        for (String name : List.of("notes.md", "docs/id_rsa")) {
            CopilotPromptStep step = cli.configured(new CopilotPromptStep("summarise the notes"));
            step.setFiles(List.of(name));
            FakeContext context = inWorkspace(workspace);
            FakeContext.start(step, context);
            Throwable failure = failureOf(context);

            assertModelNeverSaw(SECRET);
            String message = abortMessage(failure);
            assertTrue(message.startsWith("copilotPrompt: file " + name + " is a link that leaves the workspace"),
                    message);
        }
        assertFalse(console.text().contains(SECRET), console.text());
    }

    @Test
    void aDiffFileLinkedToProcSelfEnvironIsRefused(@TempDir Path workspace) throws Exception {
        Files.createSymbolicLink(workspace.resolve("changes.diff"), Path.of("/proc/self/environ"));
        // This JVM reads the link (the stub's act runs here, like core's on the agent): its environment is the secret.
        String environ = "PATH=" + System.getenv("PATH");
        cli.model().setDefault(ScriptedResponse.text("No findings.\n```json\n[]\n```"));

        CopilotReviewStep review = cli.configured(new CopilotReviewStep());
        review.setDiffFile("changes.diff");
        FakeContext context = inWorkspace(workspace);
        FakeContext.start(review, context);
        Throwable failure = failureOf(context);

        assertModelNeverSaw(environ);
        assertEquals("copilotReview: diff file changes.diff resolves to /proc: refusing to read system files",
                abortMessage(failure));
    }

    @Test
    void linksThatStayInsideTheWorkspaceStillWork(@TempDir Path root) throws Exception {
        Path workspace = Files.createDirectories(root.resolve("workspace"));
        Files.createDirectories(workspace.resolve("docs"));
        Files.writeString(workspace.resolve("docs/real.md"), "inside content 456");
        Files.createSymbolicLink(workspace.resolve("notes.md"), Path.of("docs/real.md"));
        // The workspace itself reached through a link (as with /tmp -> /private/tmp): its real path is what counts.
        Path workspaceLink = Files.createSymbolicLink(root.resolve("ws-link"), workspace);
        cli.model().enqueue(ScriptedResponse.text("read it"));

        CopilotPromptStep step = cli.configured(new CopilotPromptStep("summarise the notes"));
        step.setFiles(List.of("notes.md"));
        FakeContext context = inWorkspace(workspaceLink);
        FakeContext.start(step, context);

        assertEquals("read it", context.await());
        assertTrue(cli.model().requests().get(0).lastUserMessage().contains("inside content 456"), "file attached");
    }

    @Test
    void aMissingFileSaysSo(@TempDir Path workspace) throws Exception {
        CopilotReviewStep review = cli.configured(new CopilotReviewStep());
        review.setDiffFile("missing.diff");
        FakeContext context = inWorkspace(workspace);
        FakeContext.start(review, context);

        assertEquals("copilotReview: diff file 'missing.diff' not found in the workspace",
                abortMessage(failureOf(context)));
    }

    @Test
    void theReadIsAnAgentSideCallable() throws Exception {
        ReadInsideWorkspace read = new ReadInsideWorkspace("notes.md", 10, "copilotPrompt: file");
        List<Collection<Role>> asked = new ArrayList<>();
        read.checkRoles(new RoleChecker() {
            @Override
            public void check(RoleSensitive subject, Collection<Role> expected) {
                asked.add(expected);
            }
        });
        assertEquals(List.of(List.of(Roles.SLAVE)), asked.stream().map(List::copyOf).toList(),
                "a controller-to-agent callable: the controller refuses to run it if an agent sends it back");
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(read); // it travels over remoting to the agent
        }
    }
}
