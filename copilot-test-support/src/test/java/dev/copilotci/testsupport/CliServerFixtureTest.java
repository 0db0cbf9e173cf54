package dev.copilotci.testsupport;

import dev.copilotci.offline.PinnedCopilotCli;

import dev.copilotci.offline.ScriptedResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REAL pinned CLI as a headless TCP server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliServerFixtureTest {

    private static final Duration IO = Duration.ofSeconds(10);

    @TempDir
    Path workDir;
    @RegisterExtension
    final OfflineCliExtension offline = new OfflineCliExtension();

    @Test
    void startsListensAnswersPingAndLeavesNoProcessBehind() throws Exception {
        List<ProcessHandle> tree;
        try (CliServerFixture server = CliServerFixture.builder().environment(offline.environment())
                .workingDirectory(workDir).start()) {
            assertTrue(server.port() > 0);
            assertEquals("127.0.0.1:" + server.port(), server.url());
            assertTrue(server.stdout().contains("listening on port " + server.port()), server.stdout());
            assertTrue(server.awaitStdout("No COPILOT_CONNECTION_TOKEN", IO), server.stdout());

            tree = server.processTree();
            assertTrue(tree.size() >= 2, "npm loader plus the native server: " + tree);
            try (JsonRpcProbe rpc = new JsonRpcProbe(server.port(), IO)) {
                JsonNode pong = rpc.call("ping", rpc.params().put("message", "fixture"));
                assertEquals("pong: fixture", pong.at("/result/message").asText(), pong.toString());
                JsonNode status = rpc.call("status.get", rpc.params());
                assertEquals(PinnedCopilotCli.EXPECTED_VERSION, status.at("/result/version").asText());
            }
        }
        assertTrue(ProcessTrees.allDead(tree), "process tree must be gone after close: " + alive(tree));
    }

    @Test
    void headlessSessionUsesTheScriptedProvider() throws Exception {
        offline.provider().enqueue(ScriptedResponse.text("answer from the scripted model"));
        try (CliServerFixture server = CliServerFixture.builder().environment(offline.environment())
                .workingDirectory(workDir).start();
             JsonRpcProbe rpc = new JsonRpcProbe(server.port(), IO)) {
            var create = rpc.params().put("sessionId", "fixture-1").put("model", "test-model")
                    .put("requestPermission", false).put("requestUserInput", false).put("hooks", false)
                    .put("workingDirectory", workDir.toString());
            // COPILOT_PROVIDER_BASE_URL alone does not reach server sessions: each session names its provider.
            create.set("provider", offline.provider().providerConfig());
            JsonNode created = rpc.call("session.create", create);
            assertEquals("fixture-1", created.at("/result/sessionId").asText(), created.toString());
            JsonNode sent = rpc.call("session.send", rpc.params().put("sessionId", "fixture-1").put("prompt", "hi there"));
            assertTrue(sent.at("/result/messageId").isTextual(), sent.toString());

            JsonNode message = rpc.awaitEvent("assistant.message");
            assertEquals("answer from the scripted model", message.at("/data/content").asText());
            rpc.awaitEvent("session.idle");
            assertEquals("hi there", offline.provider().awaitRequest(1, IO).lastUserPrompt());
        }
    }

    @Test
    void connectionTokenIsPassedToTheServer() throws Exception {
        String token = UUID.randomUUID().toString();
        try (CliServerFixture server = CliServerFixture.builder().environment(offline.environment())
                .connectionToken(token).workingDirectory(workDir).start();
             JsonRpcProbe rpc = new JsonRpcProbe(server.port(), IO)) {
            assertEquals(-32001, rpc.call("ping", rpc.params()).at("/error/code").asInt());
            assertEquals(-32002, rpc.call("connect", rpc.params().put("token", "wrong")).at("/error/code").asInt());
            JsonNode ok = rpc.call("connect", rpc.params().put("token", token));
            assertTrue(ok.at("/result/ok").asBoolean(), ok.toString());
        }
    }

    @Test
    void killEndsTheWholeTreeAbruptly() throws Exception {
        CliServerFixture server = CliServerFixture.builder().environment(offline.environment()).nativeBinary(false)
                .workingDirectory(workDir).start();
        List<ProcessHandle> tree = server.processTree();
        server.kill();
        assertTrue(ProcessTrees.allDead(tree), "still alive: " + alive(tree));
        assertFalse(server.isAlive());
        assertEquals(tree.size(), server.stoppedProcessTree().size());
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", server.port()).close(),
                "nothing may listen any more");
        server.close(); // idempotent after kill
    }

    @Test
    void chosenPortAndNativeBinary() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        try (CliServerFixture server = CliServerFixture.builder().environment(offline.environment()).port(free)
                .nativeBinary(true).workingDirectory(workDir).start()) {
            assertEquals(free, server.port());
            assertEquals(1, server.processTree().size(), "the native binary runs alone: " + server.processTree());
        }
    }

    @Test
    void startFailureIsReportedWithTheCliOutput() {
        // Offline mode without a provider URL makes the CLI exit at once (protocol reference §1.2).
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> CliServerFixture.builder()
                .env("COPILOT_OFFLINE", "true").env("COPILOT_HOME", workDir.toString()).env("COPILOT_MODEL", "m")
                .startTimeout(Duration.ofSeconds(30)).start());
        assertTrue(failure.getMessage().contains("before listening"), failure.getMessage());
        assertTrue(failure.getMessage().contains("COPILOT_PROVIDER_BASE_URL"), failure.getMessage());
    }

    private static List<ProcessHandle> alive(List<ProcessHandle> tree) {
        return tree.stream().filter(ProcessHandle::isAlive).toList();
    }
}
