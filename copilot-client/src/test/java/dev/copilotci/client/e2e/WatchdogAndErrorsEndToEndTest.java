package dev.copilotci.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.CliLaunchOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotException;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.ProviderConfig;
import dev.copilotci.client.SessionErrorException;
import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnTimeoutException;
import dev.copilotci.offline.ScriptedResponse;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A turn always ends: watchdog, deadline, and provider failures surfacing as clear errors. Real CLI. */
@Timeout(180)
class WatchdogAndErrorsEndToEndTest {

    @Test
    void inactivityWatchdogAbortsAHungProviderAndTheSessionStaysUsable() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.hang(), ScriptedResponse.text("back to normal"));
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            CopilotSession s = client.createSession(world.session("hung")
                    .inactivityTimeout(Duration.ofSeconds(3)).build());
            long start = System.nanoTime();
            TurnTimeoutException e = assertThrows(TurnTimeoutException.class, () -> s.sendAndWait("hello"));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(e.inactivity());
            assertTrue(seconds < 25, "ended within the watchdog bound plus abort: " + seconds + " s");
            assertTrue(e.getMessage().contains("No activity from the Copilot CLI for 3 s")
                    && e.getMessage().contains("The turn was aborted"), e.getMessage());
            assertTrue(e.pending().contains("nothing"), e.pending());

            assertEquals("back to normal", s.sendAndWait("again").content(), "the session works after an abort");
        }
    }

    @Test
    void deletingASessionRightAfterAbortingItsPromptLeavesItDeleted() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.hang());
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            CopilotSession s = client.createSession(world.session("deleted-mid-turn").build());
            CompletableFuture<Throwable> prompt = CompletableFuture.supplyAsync(() -> {
                try {
                    s.sendAndWait("this hangs at the model");
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            world.provider.awaitRequest(1, Duration.ofSeconds(30)); // the turn is running on the server

            s.abort(); // a cancelled CI job: abort the prompt, then delete the session at once (as Jenkins' stop does)
            s.delete();

            assertTrue(prompt.get(20, TimeUnit.SECONDS) instanceof CopilotException, "the waiting prompt ended");
            // A turn still winding down used to write its last events after the delete, bringing the session back.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            do {
                assertTrue(client.sessionMetadata("deleted-mid-turn").isEmpty(), "the session stays deleted");
            } while (System.nanoTime() < until);
        }
    }

    @Test
    void overallDeadlineAbortsASlowTurn() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.delayed(Duration.ofSeconds(60), ScriptedResponse.text("late")));
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            CopilotSession s = client.createSession(world.session("slow").build());
            TurnTimeoutException e = assertThrows(TurnTimeoutException.class,
                    () -> s.sendAndWait("hello", TurnOptions.DEFAULTS.withTimeout(Duration.ofSeconds(3))));
            assertTrue(!e.inactivity() && e.getMessage().contains("did not finish within 3 s"), e.getMessage());
        }
    }

    @Test
    void providerAuthenticationFailureIsAClearError() throws Exception {
        SessionErrorException e = promptFailingWith(401, "{\"error\":{\"message\":\"bad key\"}}");
        assertEquals(Integer.valueOf(401), e.statusCode());
        assertEquals("authentication", e.errorType());
        assertTrue(e.getMessage().contains("Authentication failed with provider"), e.getMessage());
    }

    @Test
    void providerServerErrorIsAClearErrorAfterTheServersRetries() throws Exception {
        SessionErrorException e = promptFailingWith(500, "{\"error\":{\"message\":\"boom\"}}");
        assertEquals(Integer.valueOf(500), e.statusCode());
        assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("retried"), e.getMessage());
    }

    /** The error a prompt ends with when the provider answers every request with HTTP {@code status}. */
    private static SessionErrorException promptFailingWith(int status, String body) throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.setDefault(ScriptedResponse.httpError(status, body));
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            CopilotSession s = client.createSession(world.session("http" + status).build());
            return assertThrows(SessionErrorException.class, () -> s.sendAndWait("hello"));
        }
    }

    @Test
    void unreachableProviderIsAClearError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (RealCli world = RealCli.start()) {
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            CopilotSession s = client.createSession(world.session("unreachable")
                    .provider(ProviderConfig.openAi("http://127.0.0.1:" + closedPort + "/v1", null)).build());
            SessionErrorException e = assertThrows(SessionErrorException.class, () -> s.sendAndWait("hello"));
            assertTrue(e.getMessage().contains("Could not connect to local model provider"), e.getMessage());
        }
    }
}
