package dev.copilotci.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.CliLaunchOptions;
import dev.copilotci.client.ClientOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.TurnResult;
import dev.copilotci.client.events.AssistantDelta;
import dev.copilotci.client.events.SessionEvent;
import dev.copilotci.client.events.SessionIdle;
import dev.copilotci.client.StreamTransport;
import dev.copilotci.offline.PinnedCopilotCli;
import dev.copilotci.offline.ScriptedResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The three ways to reach a server: our own TCP child, our own stdio child, and any stream pair. Real CLI. */
@Timeout(120)
class LaunchAndTransportEndToEndTest {

    @Test
    void tcpLaunchAnswersWithUsageAndStreamsDeltasToListeners() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.text("The build failed because of a missing semicolon."));
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            CopilotSession session = client.createSession(world.session("launch-tcp").build());
            List<SessionEvent> events = new CopyOnWriteArrayList<>();
            session.addListener(events::add);

            TurnResult r = session.sendAndWait("Why did the build fail?");

            assertEquals("The build failed because of a missing semicolon.", r.content());
            assertEquals("launch-tcp", r.sessionId());
            assertEquals("test-model", r.usage().model());
            assertTrue(r.usage().outputTokens() > 0, "usage reported: " + r.usage());
            assertEquals(null, r.recoveryNote());
            assertTrue(world.provider.requests().get(0).lastUserMessage().contains("Why did the build fail?"));
            String streamed = events.stream().filter(e -> e instanceof AssistantDelta)
                    .map(e -> ((AssistantDelta) e).deltaContent()).reduce("", String::concat);
            assertEquals(r.content(), streamed, "deltas add up to the answer");
            assertTrue(events.stream().anyMatch(e -> e instanceof SessionIdle), "idle delivered to listeners");
            assertTrue(world.clientLog.stream().anyMatch(l -> l.contains("Started the Copilot CLI")), world.clientLog.toString());
        }
    }

    @Test
    void stdioLaunchAnswers() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.text("stdio works"));
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.STDIO);
            assertTrue(client.server().startsWith("stdio of copilot pid"), client.server());
            TurnResult r = client.createSession(world.session("launch-stdio").build()).sendAndWait("hello");
            assertEquals("stdio works", r.content());
        }
    }

    @Test
    void anyStreamPairWorksAndClosingAnOwnedServerEndsIt() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.text("over plain streams"));
            // Started outside the engine, as the Jenkins plugin does on an agent; the engine only sees two streams.
            ProcessBuilder pb = new ProcessBuilder(PinnedCopilotCli.locate().nativeBinary().toString(),
                    "--headless", "--no-auto-update", "--stdio");
            pb.environment().clear();
            pb.environment().put("PATH", System.getenv("PATH"));
            pb.environment().putAll(world.environment());
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process process = pb.start();
            try {
                CopilotClient client = CopilotClient.connect(ClientOptions.overTransport(
                        () -> new StreamTransport(process.getInputStream(), process.getOutputStream(), "test pipes",
                                null), true));
                TurnResult r;
                try {
                    r = client.createSession(world.session("streams").build()).sendAndWait("hi");
                } finally {
                    client.close();
                }
                assertEquals("over plain streams", r.content());
                assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the owned server exits after close()");
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void closeLeavesNoThreadsAndNoChildProcesses() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.text("done"));
            List<Long> childrenBefore = children();
            CopilotClient client = CopilotClient.connect(ClientOptions.launch(
                    world.launchOptions(CliLaunchOptions.Mode.TCP).build()));
            long pid = client.launchedPid().orElseThrow();
            client.createSession(world.session("cleanup").build()).sendAndWait("hi");
            assertTrue(copilotThreads().size() > 0, "the client runs named threads while open");

            client.close();

            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "CLI process ended");
            assertEquals(childrenBefore, children(), "no child process left behind");
            // Daemon threads may take a moment to leave run() after their executor shut down: bounded wait.
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("copilot-")) {
                    t.join(5000);
                }
            }
            assertEquals(List.of(), copilotThreads(), "no engine thread left behind");
        }
    }

    @Test
    void startReturnsWhileTheCliBootsAndTheFirstCallWaitsForIt() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.text("ready when needed"));
            List<Long> childrenBefore = children();
            try (CopilotClient client = CopilotClient.start(ClientOptions.launch(
                    world.launchOptions(CliLaunchOptions.Mode.TCP).build()))) {
                assertEquals(childrenBefore.size() + 1, children().size(), "the CLI was spawned at once");
                assertTrue(client.launchedPid().isEmpty(), "start() did not wait for the CLI to listen");

                TurnResult r = client.createSession(world.session("started-early").build()).sendAndWait("hi");

                assertEquals("ready when needed", r.content());
                assertTrue(client.launchedPid().isPresent());
            }
            assertEquals(childrenBefore, children(), "closed with the client");
        }
    }

    @Test
    void aStartedClientThatIsNeverUsedStillStopsItsCli() throws Exception {
        try (RealCli world = RealCli.start()) {
            List<Long> childrenBefore = children();
            CopilotClient client = CopilotClient.start(ClientOptions.launch(
                    world.launchOptions(CliLaunchOptions.Mode.TCP).build()));
            assertEquals(childrenBefore.size() + 1, children().size());

            client.close(); // e.g. the caller found a usage error while the CLI was booting

            assertEquals(childrenBefore, children(), "no CLI left behind");
        }
    }

    private static List<Long> children() {
        List<Long> pids = new ArrayList<>();
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).forEach(p -> pids.add(p.pid()));
        pids.sort(Long::compare);
        return pids;
    }

    /** Threads of clients created in this test (names are per client: copilot-rpc-N-*, copilot-tool-*, copilot-cli-*). */
    static List<String> copilotThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("copilot-")) {
                names.add(t.getName());
            }
        }
        return names;
    }
}
