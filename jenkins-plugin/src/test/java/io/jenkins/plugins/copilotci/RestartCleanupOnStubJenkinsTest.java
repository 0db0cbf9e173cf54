package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.ClientOptions;
import dev.copilotci.client.CopilotClient;
import io.jenkins.plugins.copilotci.StubJenkins.FakeContext;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller restart in the middle of withCopilot, as far as our code sees it: the block's handle comes back from
 * the Pipeline's program state without its live session. The clean-up then ends what was left: the session on a
 * shared server, or the CLI on the agent (by its marker). Our code against our stubs, real CLI.
 */
@Timeout(120)
class RestartCleanupOnStubJenkinsTest {
    @TempDir
    Path root;

    /** What Jenkins does to the handle across a restart: Java serialization (program.dat) drops the transient session. */
    private static CopilotBlockHandle restarted(CopilotBlockHandle handle) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handle);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (CopilotBlockHandle) in.readObject();
        }
    }

    @Test
    void theSharedServerSessionLeftByARestartIsDeleted() throws Exception {
        try (ScriptedCopilot cli = new ScriptedCopilot().started()) {
            FakeRun run = new FakeRun(new FakeJob("team", "restart"), 5);
            RecordingListener console = new RecordingListener();
            CopilotOverrides o = cli.overrides();
            FakeContext context = new FakeContext(run, console);
            CopilotJobSession live = StepSessions.open(context, o);
            CopilotBlockHandle handle = new CopilotBlockHandle(live.sessionId(), CopilotSettings.merge(null, List.of(), o), live);
            live.prompt("remember me", dev.copilotci.client.TurnOptions.DEFAULTS, console.getLogger());
            live.close(true); // the controller went away; the server kept the session

            CopilotBlockHandle after = restarted(handle);
            assertNull(after.liveOrNull(), "the live session does not survive a restart");
            WithCopilotStep.cleanUpAfterRestart(after, false, context, console);

            try (CopilotClient c = CopilotClient.connect(ClientOptions.connectTo(List.of(cli.url()), null))) {
                assertTrue(c.sessionMetadata(live.sessionId()).isEmpty(), console.text());
            }
            assertTrue(console.text().contains("deleted session " + live.sessionId()), console.text());
        }
    }

    @Test
    void theCliLeftOnTheAgentByARestartIsKilledByItsMarker() throws Exception {
        try (ScriptedCopilot cli = new ScriptedCopilot().noServer().started()) {
            FakeRun run = new FakeRun(new FakeJob("team", "restart-agent"), 6);
            RecordingListener console = new RecordingListener();
            LocalTestLauncher launcher = new LocalTestLauncher(console);
            FakeContext context = new FakeContext(run, console)
                    .onNode(launcher, Files.createDirectories(root.resolve("ws")), cli.offline().env());
            CopilotOverrides o = cli.overrides();
            CopilotJobSession live = StepSessions.open(context, o);
            CopilotBlockHandle handle = new CopilotBlockHandle(live.sessionId(), CopilotSettings.merge(null, List.of(), o), live);
            Process agentCli = launcher.started.get(0);
            try {
                CopilotBlockHandle after = restarted(handle);
                WithCopilotStep.cleanUpAfterRestart(after, false, context, console);
                assertEquals(List.of(Map.of("COPILOT_CI_CLI", handle.agentCliMarker())), launcher.killRequests);
                assertTrue(agentCli.waitFor(10, TimeUnit.SECONDS), "the orphaned CLI was found by its marker and ended");
                assertFalse(agentCli.isAlive());
            } finally {
                live.close(false);
            }
        }
    }
}
