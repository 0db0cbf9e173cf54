package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.client.ClientOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.ProviderConfig;
import dev.copilotci.client.SessionConfig;
import dev.copilotci.offline.ScriptedResponse;
import dev.copilotci.testsupport.CliServerFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** health and sessions against two real CLI servers (sharing one COPILOT_HOME); one is stopped mid-test. */
@Timeout(180)
class ServerCommandsEndToEndTest {
    private static final String TOKEN = "conn-HealthProbeToken-77";

    @Test
    void healthReportsEachServerAndSessionsArePrunedByAgeAndPrefix() throws Exception {
        try (RunnerWorld w = new RunnerWorld();
             CliServerFixture a = CliServerFixture.builder().environment(w.offline).connectionToken(TOKEN).start();
             CliServerFixture b = CliServerFixture.builder().environment(w.offline).connectionToken(TOKEN).start()) {
            Map<String, String> env = w.env(Map.of("COPILOT_CONNECTION_TOKEN", TOKEN));
            RunnerWorld.Result healthy = w.run(env, "", List.of("health", "--cli-url", a.url() + "," + b.url()));
            assertEquals(0, healthy.exitCode(), healthy.stderr());
            List<String> lines = healthy.stdout().lines().toList();
            assertEquals(2, lines.size(), healthy.stdout());
            JsonNode first = new ObjectMapper().readTree(lines.get(0));
            assertEquals(a.url(), first.path("url").asText());
            assertTrue(first.path("ok").asBoolean());
            assertEquals(3, first.path("protocol").asInt());
            assertEquals("1.0.102", first.path("version").asText());
            assertTrue(first.has("authenticated") && first.has("ms"), lines.get(0));
            assertFalse(healthy.stdout().contains(TOKEN));

            RunnerWorld.Result wrongToken = w.run(w.env(Map.of("COPILOT_CONNECTION_TOKEN", "nope-nope")), "",
                    List.of("health", "--cli-url", a.url()));
            assertEquals(1, wrongToken.exitCode());
            assertFalse(new ObjectMapper().readTree(wrongToken.stdout().strip()).path("ok").asBoolean());

            w.provider.respondWith(r -> ScriptedResponse.text("ok"));
            try (CopilotClient c = CopilotClient.connect(ClientOptions.connectTo(List.of(a.url()), TOKEN))) {
                for (String id : List.of("ci-old-1", "other-old-1")) {
                    var s = c.createSession(SessionConfig.builder().sessionId(id).model(w.offline.model())
                            .provider(ProviderConfig.openAi(w.provider.baseUrl(), null)).build());
                    s.sendAndWait("hello"); // a session with a turn is stored in the shared session state
                    s.disconnect();
                }
            }
            RunnerWorld.Result list = w.run(env, "", List.of("sessions", "list", "--cli-url", b.url(),
                    "--prefix", "ci-"));
            assertEquals(0, list.exitCode(), list.stderr());
            assertTrue(list.stdout().contains("ci-old-1"), "the shared state, seen from b: " + list.stdout());
            assertFalse(list.stdout().contains("other-old-1"), list.stdout());

            RunnerWorld.Result young = w.run(env, "", List.of("sessions", "prune", "--cli-url", a.url(),
                    "--older-than", "1h", "--prefix", "ci-"));
            assertEquals(0, young.exitCode(), young.stderr());
            assertFalse(young.stdout().contains("deleted"), "nothing is an hour old: " + young.stdout());
            Thread.sleep(1_100); // the sessions become older than the one-second age asked for below
            RunnerWorld.Result pruned = w.run(env, "", List.of("sessions", "prune", "--cli-url", a.url(),
                    "--older-than", "1s", "--prefix", "ci-"));
            assertEquals(0, pruned.exitCode(), pruned.stderr());
            assertTrue(pruned.stdout().contains("deleted\tci-old-1"), pruned.stdout());
            assertFalse(pruned.stdout().contains("other-old-1"), "another prefix is left alone");

            b.close(); // one server of the pair goes down
            RunnerWorld.Result half = w.run(env, "", List.of("health", "--cli-url", a.url() + "," + b.url(),
                    "--per-url-timeout", "3"));
            assertEquals(1, half.exitCode(), half.stdout());
            List<String> halfLines = half.stdout().lines().toList();
            assertTrue(new ObjectMapper().readTree(halfLines.get(0)).path("ok").asBoolean());
            JsonNode down = new ObjectMapper().readTree(halfLines.get(1));
            assertFalse(down.path("ok").asBoolean());
            assertTrue(down.path("error").asText().length() > 0, halfLines.get(1));

            RunnerWorld.Result usage = w.run(env, "", List.of("sessions", "prune", "--cli-url", a.url()));
            assertEquals(2, usage.exitCode());
            assertTrue(usage.stderr().contains("--older-than"), usage.stderr());
        }
    }
}
