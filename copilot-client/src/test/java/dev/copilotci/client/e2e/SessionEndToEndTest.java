package dev.copilotci.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.Attachment;
import dev.copilotci.client.CliLaunchOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotException;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.ProviderConfig;
import dev.copilotci.client.SessionConfig;
import dev.copilotci.client.SystemMessage;
import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.events.AssistantMessage;
import dev.copilotci.client.TurnResult;
import dev.copilotci.client.events.SessionEvent;
import dev.copilotci.client.events.SessionIdle;
import dev.copilotci.offline.RecordedRequest;
import dev.copilotci.offline.ScriptedResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Job-scoped sessions and their options, checked by what the real CLI sent to the (scripted) model. */
@Timeout(120)
class SessionEndToEndTest {

    @Test
    void contextCarriesAcrossPromptsAndAcrossDisconnectAndResume() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.text("The flaky test is OrderServiceTest."),
                    ScriptedResponse.text("Quarantine it."), ScriptedResponse.text("Still OrderServiceTest."));
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            CopilotSession s = client.openSession(world.session("job-build-42").build());
            s.sendAndWait("Which test is flaky?");
            s.sendAndWait("What should I do?");
            assertTrue(world.provider.requests().get(1).body().toString().contains("The flaky test is OrderServiceTest."),
                    "second prompt carries the first answer");
            s.disconnect();

            CopilotSession again = client.openSession(world.session("job-build-42").build()); // resumes
            assertEquals("Still OrderServiceTest.", again.sendAndWait("Remind me which test?").content());
            String third = world.provider.requests().get(2).body().toString();
            assertTrue(third.contains("Which test is flaky?") && third.contains("Quarantine it."),
                    "resumed session keeps the whole history");

            List<SessionEvent> stored = again.getMessages();
            assertTrue(stored.stream().filter(e -> e instanceof AssistantMessage).count() >= 3, stored.toString());
        }
    }

    @Test
    void aPromptReturnsOnlyAfterListenersHaveSeenTheEventThatEndedIt() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.text("done"));
            CopilotSession s = world.launchClient(CliLaunchOptions.Mode.TCP)
                    .createSession(world.session("listeners-first").build());
            CountDownLatch idleSeen = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            s.addListener(e -> {
                if (e instanceof SessionIdle) {
                    idleSeen.countDown();
                    await(release);
                }
            });
            CompletableFuture<TurnResult> prompt = CompletableFuture.supplyAsync(() -> s.sendAndWait("go"));
            assertTrue(idleSeen.await(60, TimeUnit.SECONDS), "session.idle reached the listener");
            // While the listener still holds session.idle the prompt must not have returned.
            assertThrows(TimeoutException.class, () -> prompt.get(300, TimeUnit.MILLISECONDS));
            release.countDown();
            assertEquals("done", prompt.get(30, TimeUnit.SECONDS).content());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void resumingAnUnknownSessionFailsClearly() throws Exception {
        try (RealCli world = RealCli.start()) {
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            CopilotException e = assertThrows(CopilotException.class,
                    () -> client.resumeSession(world.session("does-not-exist").build()));
            assertTrue(e.getMessage().contains("Resuming session does-not-exist failed")
                    && e.getMessage().contains("Session not found"), e.getMessage());
        }
    }

    @Test
    void systemMessageToolsAttachmentsAndProviderHeadersReachTheModel() throws Exception {
        try (RealCli world = RealCli.start()) {
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            ProviderConfig provider = new ProviderConfig("openai", world.provider.baseUrl(), "sk-test-key", null, null,
                    Map.of("X-CI-Job", "build-42"));
            CopilotSession appended = client.createSession(world.session("opts-append")
                    .provider(provider)
                    .systemMessage(SystemMessage.append("You are reviewing a CI build. Be terse."))
                    .availableTools(List.of("view", "grep"))
                    .build());
            appended.sendAndWait("Explain the log.", TurnOptions.DEFAULTS.withAttachments(
                    List.of(Attachment.text("build.log", "ERROR: cannot find symbol FooBar"))));
            RecordedRequest r = world.provider.requests().get(0);
            assertTrue(r.systemPrompt().contains("You are reviewing a CI build. Be terse."), "appended system message");
            assertTrue(r.systemPrompt().length() > 1000, "append keeps the agent's own prompt");
            assertEquals(List.of("grep", "view"), r.toolNames().stream().sorted().toList(), "only available tools");
            assertEquals("build-42", r.header("X-CI-Job"), "provider headers reach the provider");
            assertEquals("Bearer sk-test-key", r.header("Authorization"), "BYOK key used as bearer");
            assertTrue(r.lastUserMessage().contains("ERROR: cannot find symbol FooBar"), "blob attachment inlined");

            client.createSession(world.session("opts-replace")
                    .systemMessage(SystemMessage.replace("Only say OK."))
                    .excludedTools(List.of("bash"))
                    .build()).sendAndWait("hi");
            RecordedRequest replaced = world.provider.requests().get(1);
            assertEquals("Only say OK.", replaced.systemPrompt().strip(), "replace sends exactly our prompt");
            assertTrue(!replaced.toolNames().contains("bash"), "excluded tool hidden: " + replaced.toolNames());
        }
    }

    @Test
    void deleteRemovesTheSessionAndBadInputIsRejectedBeforeTheServer() throws Exception {
        try (RealCli world = RealCli.start()) {
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            CopilotSession s = client.createSession(world.session("to-delete").build());
            s.sendAndWait("hi");
            s.delete();
            assertTrue(client.sessionMetadata("to-delete").isEmpty());
            assertThrows(CopilotException.class, () -> s.sendAndWait("after delete"));

            assertThrows(IllegalArgumentException.class, () -> SessionConfig.builder().sessionId("job.42").build());
            assertThrows(IllegalArgumentException.class, () -> SessionConfig.builder().sessionId("x".repeat(129)).build());
            CopilotSession ok = client.createSession(world.session("x".repeat(128)).build());
            assertThrows(IllegalArgumentException.class, () -> ok.sendAndWait("  "));
            assertEquals("OK", ok.sendAndWait("max-length id works").content());
        }
    }
}
