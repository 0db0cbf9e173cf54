package dev.copilotci.testsupport;

import dev.copilotci.offline.PinnedCopilotCli;

import dev.copilotci.offline.RecordedRequest;

import dev.copilotci.offline.ScriptedResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REAL pinned CLI in prompt mode ({@code copilot -p}), offline, with the scripted provider as its model. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CopilotCliPromptEndToEndTest {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final OfflineCliExtension offline = new OfflineCliExtension();
    private final PinnedCopilotCli cli = PinnedCopilotCli.locate();
    @TempDir
    Path workDir;
    @TempDir
    Path fakeUserHome;

    private CliResult prompt(String prompt, String... moreArgs) {
        String[] args = new String[4 + moreArgs.length];
        args[0] = "-p";
        args[1] = prompt;
        args[2] = "-s";
        args[3] = "--no-auto-update";
        System.arraycopy(moreArgs, 0, args, 4, moreArgs.length);
        // HOME points at an empty directory so the test can prove the CLI leaves the user's home alone.
        return CliInvocation.of(cli).environment(offline.environment()).env("HOME", fakeUserHome.toString())
                .workingDirectory(workDir).timeout(RUN_TIMEOUT).run(args);
    }

    @Test
    void promptIsAnsweredByTheScriptedModel() throws Exception {
        String nonce = UUID.randomUUID().toString();
        offline.provider().enqueue(ScriptedResponse.text("Scripted answer " + nonce + " from the provider."));

        CliResult result = prompt("hello from the test " + nonce);

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("Scripted answer " + nonce + " from the provider.", result.stdout().trim(), result.describe());
        List<RecordedRequest> requests = offline.provider().requests();
        assertEquals(1, requests.size(), "one model call: " + requests);
        RecordedRequest request = requests.get(0);
        assertEquals("/v1/chat/completions", request.path());
        assertEquals("test-model", request.model());
        assertTrue(request.stream(), "the CLI streams by default");
        assertTrue(request.body().path("stream_options").path("include_usage").asBoolean(), request.rawBody());
        assertEquals("hello from the test " + nonce, request.lastUserPrompt());
        assertTrue(request.lastUserMessage().startsWith("<current_datetime>"), request.lastUserMessage());
        assertFalse(request.systemPrompt().isBlank(), "the CLI sends its system prompt");
        assertTrue(request.toolNames().contains("bash"), "built-in shell tool offered: " + request.toolNames());
        // Only the chat endpoint: no /models probe, no other path.
        assertEquals(1, offline.provider().allRequests().size(), offline.provider().allRequests().toString());
        // State goes to COPILOT_HOME, caches to XDG_CACHE_HOME: nothing is written under $HOME.
        assertTrue(Files.isDirectory(offline.environment().copilotHome().resolve("session-state")));
        try (Stream<Path> inHome = Files.list(fakeUserHome)) {
            assertEquals(List.of(), inHome.collect(Collectors.toList()));
        }
    }

    @Test
    void nonStreamingModeGetsOneJsonDocument() {
        offline.provider().enqueue(ScriptedResponse.text("non-streamed answer"));

        CliResult result = prompt("hi", "--stream", "off");

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("non-streamed answer", result.stdout().trim(), result.describe());
        assertFalse(offline.provider().awaitRequest(1, Duration.ofSeconds(1)).stream());
    }

    @Test
    void streamedToolCallIsExecutedAndItsResultSentBack() throws Exception {
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        String command = "echo tool-ran-" + nonce + " > marker.txt && cat marker.txt";
        String arguments = "{\"command\":\"" + command + "\",\"description\":\"write a marker file\"}";
        offline.provider().enqueue(
                ScriptedResponse.toolCalls(new ScriptedResponse.ToolCall("call_e2e_1", "bash", arguments)));
        offline.provider().respondWith(request -> ScriptedResponse.text("Tool said: " + request.lastToolResult()));

        CliResult result = prompt("please run the marker command", "--allow-all-tools");

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("tool-ran-" + nonce, Files.readString(workDir.resolve("marker.txt"), StandardCharsets.UTF_8).trim());
        List<RecordedRequest> requests = offline.provider().requests();
        assertEquals(2, requests.size(), requests.toString());
        RecordedRequest second = requests.get(1);
        JsonNode assistant = second.messages().get(second.messages().size() - 2);
        assertEquals("assistant", assistant.get("role").asText());
        assertEquals("call_e2e_1", assistant.at("/tool_calls/0/id").asText());
        assertEquals("bash", assistant.at("/tool_calls/0/function/name").asText());
        assertEquals(arguments, assistant.at("/tool_calls/0/function/arguments").asText());
        JsonNode toolResult = second.toolResults().get(0);
        assertEquals("call_e2e_1", toolResult.get("tool_call_id").asText());
        assertTrue(second.lastToolResult().contains("tool-ran-" + nonce), second.lastToolResult());
        assertTrue(result.stdout().contains("Tool said: tool-ran-" + nonce), result.describe());
    }
}
