package dev.copilotci.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.Attachment;
import dev.copilotci.client.CliLaunchOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotException;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.SessionErrorException;
import dev.copilotci.client.ToolDefinition;
import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnResult;
import dev.copilotci.client.events.SessionEvent;
import dev.copilotci.client.events.ToolCompleted;
import dev.copilotci.offline.ScriptedResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fault and bad-input rows of the reliability matrix, each against the real CLI, each bounded. */
@Timeout(180)
class FaultAndBadInputEndToEndTest {

    @Test
    void malformedProviderStreamIsAClearErrorNotAHang() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.setDefault(ScriptedResponse.malformed("data: {this is not json\n\n"));
            CopilotSession s = world.launchClient(CliLaunchOptions.Mode.TCP)
                    .createSession(world.session("malformed").inactivityTimeout(Duration.ofSeconds(60)).build());
            long start = System.nanoTime();
            CopilotException e = assertThrows(CopilotException.class, () -> s.sendAndWait("hello"));
            assertTrue((System.nanoTime() - start) / 1_000_000_000L < 120, "bounded");
            assertTrue(e instanceof SessionErrorException || e.getMessage().contains("No activity"), e.getMessage());
        }
    }

    @Test
    void aToolHandlerThatNeverReturnsIsAnsweredWithATimeoutAndTheTurnEnds() throws Exception {
        try (RealCli world = RealCli.start()) {
            CountDownLatch never = new CountDownLatch(1);
            ToolDefinition stuck = new ToolDefinition("fetch_artifact", "hangs", null, args -> {
                never.await(); // a handler that never returns
                return "unreachable";
            }, Duration.ofSeconds(2));
            world.provider.enqueue(ScriptedResponse.toolCall("fetch_artifact", "{}"),
                    ScriptedResponse.text("went on without it"));
            CopilotSession s = world.launchClient(CliLaunchOptions.Mode.TCP)
                    .createSession(world.session("stuck-tool").tool(stuck).build());
            List<SessionEvent> events = new CopyOnWriteArrayList<>();
            s.addListener(events::add);
            TurnResult r = s.sendAndWait("use the tool");
            assertEquals("went on without it", r.content());
            assertTrue(events.stream().anyMatch(e -> e instanceof ToolCompleted t && !t.success()),
                    "the stuck call was answered as failed");
            never.countDown();
        }
    }

    @Test
    void theModelAskingTheUserDoesNotHangACiTurn() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.toolCall("ask_user", "{\"question\":\"Which branch?\"}"),
                    ScriptedResponse.text("assumed main"));
            CopilotSession s = world.launchClient(CliLaunchOptions.Mode.TCP)
                    .createSession(world.session("ask-user").build());
            TurnResult r = s.sendAndWait("deploy it", TurnOptions.DEFAULTS.withTimeout(Duration.ofSeconds(60)));
            assertEquals("assumed main", r.content(), "no user input is requested from CI: the tool fails, the turn ends");
        }
    }

    @Test
    void oddCharactersReachTheModelIntactOrSafelyReplaced() throws Exception {
        try (RealCli world = RealCli.start()) {
            CopilotSession s = world.launchClient(CliLaunchOptions.Mode.TCP)
                    .createSession(world.session("odd-chars").build());
            String prompt = "emoji 🚀✓ NUL[\u0000] CR[\r] lone[\uD800] end";
            s.sendAndWait(prompt, TurnOptions.DEFAULTS.withAttachments(List.of(
                    Attachment.text("weird.txt", "tab\tbell\u0007 é 😀 \uDC00"))));
            String sent = world.provider.requests().get(0).lastUserPrompt();
            assertTrue(sent.contains("emoji 🚀✓"), sent);
            assertTrue(sent.contains("end"), "nothing after the odd characters was lost");
            assertTrue(world.provider.requests().get(0).lastUserMessage().contains("é 😀"), "attachment intact");
        }
    }

    @Test
    void aFiveMegabytePromptFailsFastWithTheModelsBudgetInTheMessage() throws Exception {
        try (RealCli world = RealCli.start()) {
            CopilotSession s = world.launchClient(CliLaunchOptions.Mode.TCP)
                    .createSession(world.session("big-prompt").build());
            String prompt = "line of a very large build log\n".repeat(5 * 1024 * 1024 / 31) + "END";
            long start = System.nanoTime();
            SessionErrorException e = assertThrows(SessionErrorException.class,
                    () -> s.sendAndWait(prompt, TurnOptions.DEFAULTS.withTimeout(Duration.ofSeconds(120))));
            assertTrue((System.nanoTime() - start) / 1_000_000_000L < 60, "fails fast");
            assertTrue(e.getMessage().contains("prompt budget"), e.getMessage());
            assertEquals(List.of(), world.provider.requests(), "nothing oversized was sent to the model");
            world.provider.enqueue(ScriptedResponse.text("small is fine"));
            assertEquals("small is fine", s.sendAndWait("a normal prompt").content(), "the session still works");
        }
    }

    @Test
    void fiftyConcurrentSessionsOnOneServerAllComplete() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.respondWith(r -> ScriptedResponse.text("answer to " + r.lastUserPrompt()));
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> threads = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String id = "concurrent-" + i;
                Thread t = new Thread(() -> {
                    try {
                        CopilotSession s = client.createSession(world.session(id).build());
                        TurnResult r = s.sendAndWait("q-" + id, TurnOptions.DEFAULTS.withTimeout(Duration.ofSeconds(120)));
                        if (!r.content().equals("answer to q-" + id)) {
                            failures.add(new AssertionError(id + " got " + r.content()));
                        }
                        s.delete();
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(150));
                assertFalse(t.isAlive(), "a session did not finish in time");
            }
            assertEquals(List.of(), failures);
        }
    }
}
