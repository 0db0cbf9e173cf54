package dev.copilotci.client.e2e;

import static dev.copilotci.client.CliLaunchOptions.Mode.TCP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotConnectionException;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.TurnResult;
import dev.copilotci.testsupport.CliServerFixture;
import dev.copilotci.offline.ScriptedResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Recovery, with real faults: the server unloads a session, the CLI process dies mid-turn, a shared server dies and
 * the next URL takes over. At most one re-send, always reported.
 */
@Timeout(180)
class RecoveryEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static void killNow(long pid) {
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        });
    }

    /** Session {@code id} after one answered prompt: the history a recovery must keep. */
    private static CopilotSession afterOneExchange(RealCli world, CopilotClient client, String id, String prompt) {
        CopilotSession s = client.createSession(world.session(id).build());
        s.sendAndWait(prompt);
        return s;
    }

    @Test
    void sessionUnloadedOnTheServerIsResumedAndThePromptSentAgain() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.text("first"), ScriptedResponse.text("second"));
            CopilotSession s = afterOneExchange(world, world.launchClient(TCP), "unloaded", "one");
            // What idle cleanup does: the server drops the loaded session (it stays on disk).
            s.rawRequest("session.detach", null);

            TurnResult r = s.sendAndWait("two");

            assertEquals("second", r.content());
            assertTrue(r.recoveryNote().contains("no longer had session unloaded loaded"), r.recoveryNote());
            assertTrue(world.provider.requests().get(1).body().toString().contains("first"), "history kept");
        }
    }

    @Test
    void launchedCliKilledMidTurnIsRestartedResumedAndThePromptResentOnce() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.delayed(Duration.ofSeconds(30), ScriptedResponse.text("lost")),
                    ScriptedResponse.text("recovered answer"));
            CopilotClient client = world.launchClient(TCP);
            long firstPid = client.launchedPid().orElseThrow();
            CopilotSession s = client.createSession(world.session("killed-mid-turn").build());

            CompletableFuture<TurnResult> turn = CompletableFuture.supplyAsync(() -> s.sendAndWait("explain"));
            world.provider.awaitRequest(1, WAIT); // the turn is now in flight, at the model
            killNow(firstPid);
            TurnResult r = turn.get(90, TimeUnit.SECONDS);

            assertEquals("recovered answer", r.content());
            assertTrue(r.recoveryNote().contains("lost mid-turn") && r.recoveryNote().contains("sent the prompt again"),
                    r.recoveryNote());
            assertTrue(client.launchedPid().orElseThrow() != firstPid, "a new CLI process was started");
            assertTrue(world.provider.requests().get(1).lastUserMessage().contains("explain"), "prompt re-sent");
            assertTrue(world.clientLog.stream().anyMatch(l -> l.contains("starting a new one")),
                    world.clientLog.toString());
        }
    }

    @Test
    void neverResendsMoreThanOnce() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.delayed(Duration.ofSeconds(30), ScriptedResponse.text("lost 1")),
                    ScriptedResponse.delayed(Duration.ofSeconds(30), ScriptedResponse.text("lost 2")));
            CopilotClient client = world.launchClient(TCP);
            CopilotSession s = client.createSession(world.session("killed-twice").build());
            CompletableFuture<TurnResult> turn = CompletableFuture.supplyAsync(() -> s.sendAndWait("explain"));
            world.provider.awaitRequest(1, WAIT);
            killNow(client.launchedPid().orElseThrow());
            world.provider.awaitRequest(2, WAIT);
            killNow(client.launchedPid().orElseThrow());

            Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> turn.get(90, TimeUnit.SECONDS)).getCause();
            assertTrue(failure instanceof CopilotConnectionException, String.valueOf(failure));
            assertTrue(failure.getMessage().contains("lost during the prompt again, after one recovery"),
                    failure.getMessage());
            assertEquals(2, world.provider.requests().size(), "sent exactly twice");
        }
    }

    @Test
    void cliRestartedBetweenPromptsIsTransparentAndKeepsTheConversation() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.text("the answer is 42"), ScriptedResponse.text("yes, 42"));
            CopilotClient client = world.launchClient(TCP);
            CopilotSession s = afterOneExchange(world, client, "restart-between", "what is the answer?");
            killNow(client.launchedPid().orElseThrow());

            TurnResult r = s.sendAndWait("are you sure?");

            assertEquals("yes, 42", r.content());
            assertNull(r.recoveryNote(), "nothing was lost, so nothing was re-sent");
            assertTrue(world.provider.requests().get(1).body().toString().contains("the answer is 42"),
                    "the resumed session still has the first exchange");
        }
    }

    @Test
    void sharedServerDyingMidTurnFailsOverToTheNextUrl() throws Exception {
        try (RealCli world = RealCli.start()) {
            String token = "failover-token-77";
            // Two servers over one COPILOT_HOME, as two replicas over shared storage would be.
            CliServerFixture primary = world.sharedServer(token);
            CliServerFixture standby = world.sharedServer(token);
            world.provider.enqueue(ScriptedResponse.delayed(Duration.ofSeconds(30), ScriptedResponse.text("lost")),
                    ScriptedResponse.text("answer from the standby"));
            CopilotClient client = world.connectClient(List.of(primary.url(), standby.url()), token);
            CopilotSession s = client.createSession(world.session("failover").build());

            CompletableFuture<TurnResult> turn = CompletableFuture.supplyAsync(() -> s.sendAndWait("explain"));
            world.provider.awaitRequest(1, WAIT);
            primary.kill();
            TurnResult r = turn.get(90, TimeUnit.SECONDS);

            assertEquals("answer from the standby", r.content());
            assertEquals("127.0.0.1:" + standby.port(), client.server());
            assertTrue(r.recoveryNote().contains("lost mid-turn"), r.recoveryNote());
            assertTrue(world.clientLog.stream().anyMatch(l -> l.contains("Reconnected to the Copilot CLI at 127.0.0.1:"
                    + standby.port())), world.clientLog.toString());
        }
    }
}
