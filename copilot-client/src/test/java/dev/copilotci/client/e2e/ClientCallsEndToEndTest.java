package dev.copilotci.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.AuthStatus;
import dev.copilotci.client.CliLaunchOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotException;
import dev.copilotci.client.HealthReport;
import dev.copilotci.client.SessionMetadata;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Server-level calls of the client against the real CLI. */
@Timeout(120)
class ClientCallsEndToEndTest {

    @Test
    void pingStatusAuthAndHealth() throws Exception {
        try (RealCli world = RealCli.start()) {
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            assertTrue(client.ping().toMillis() < 5000);
            assertEquals("1.0.102", client.status().version());
            AuthStatus auth = client.authStatus();
            assertFalse(auth.authenticated(), "offline BYOK server is not signed in to GitHub");
            HealthReport health = client.healthCheck();
            assertTrue(health.summary().startsWith("Connected to 127.0.0.1:"), health.summary());
            assertTrue(health.summary().contains("Copilot CLI 1.0.102 (protocol 3)"), health.summary());
            assertTrue(health.summary().contains("not signed in to GitHub (fine with a BYOK provider)"),
                    health.summary());
        }
    }

    @Test
    void listModelsReportsTheServersReasonWhenNotSignedIn() throws Exception {
        try (RealCli world = RealCli.start()) {
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            CopilotException e = assertThrows(CopilotException.class, client::listModels);
            assertTrue(e.getMessage().startsWith("models.list failed: "), e.getMessage());
            assertTrue(e.getMessage().contains("Not authenticated"), e.getMessage());
        }
    }

    @Test
    void listMetadataDeleteAndCleanUpOldSessions() throws Exception {
        try (RealCli world = RealCli.start()) {
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            for (String id : List.of("ci-old-1", "ci-old-2", "keep-me")) {
                var s = client.createSession(world.session(id).build());
                s.sendAndWait("hello " + id);
                s.disconnect();
            }
            List<String> listed = client.listSessions(null).stream().map(SessionMetadata::sessionId).toList();
            assertTrue(listed.containsAll(List.of("ci-old-1", "ci-old-2", "keep-me")), listed.toString());
            SessionMetadata meta = client.sessionMetadata("keep-me").orElseThrow();
            assertEquals("keep-me", meta.sessionId());
            assertTrue(meta.startTime() != null, "start time parsed");
            assertTrue(client.sessionMetadata("never-created").isEmpty());

            List<String> deleted = client.deleteSessionsOlderThan(Duration.ZERO,
                    s -> s.sessionId().startsWith("ci-old-"));
            assertEquals(List.of("ci-old-1", "ci-old-2"), deleted.stream().sorted().toList());
            assertTrue(client.sessionMetadata("ci-old-1").isEmpty());
            assertTrue(client.sessionMetadata("keep-me").isPresent());

            assertTrue(client.deleteSession("keep-me"));
            assertFalse(client.deleteSession("keep-me"), "second delete reports there was nothing");
            assertThrows(IllegalArgumentException.class, () -> client.deleteSession("../etc"));
        }
    }
}
