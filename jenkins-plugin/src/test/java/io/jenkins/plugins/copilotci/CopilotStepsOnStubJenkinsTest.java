package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.ClientOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.offline.ScriptedResponse;
import hudson.AbortException;
import io.jenkins.plugins.copilotci.StubJenkins.FakeContext;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import hudson.FilePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our step executions driven against our stub Jenkins contexts ({@link StubJenkins}), with the REAL engine and the
 * REAL Copilot CLI (a shared server, as configured by a CLI URL) answering from a scripted model.
 */
@Timeout(120)
class CopilotStepsOnStubJenkinsTest {
    @RegisterExtension
    final ScriptedCopilot cli = new ScriptedCopilot();
    private final FakeRun run = FakeRun.of("team", "app", 42);
    private final RecordingListener console = new RecordingListener();

    private boolean sessionExists(String id) {
        try (CopilotClient c = CopilotClient.connect(ClientOptions.connectTo(List.of(cli.url()), null))) {
            return c.sessionMetadata(id).isPresent();
        }
    }

    @Test
    void oneShotPromptStreamsIntoTheLogRecordsTheAnswerAndDeletesItsSession() throws Exception {
        cli.model().enqueue(ScriptedResponse.text("Line one of the answer.\nLine two."));
        FakeContext context = new FakeContext(run, console);
        FakeContext.start(cli.configured(new CopilotPromptStep("Why is the build red?")), context);

        assertEquals("Line one of the answer.\nLine two.", context.await());
        String log = console.text();
        assertTrue(log.contains("[copilot] Line one of the answer.\n[copilot] Line two.\n"), log);
        assertTrue(log.contains("[link /job/team/app/42/copilot/|Copilot: all answers of this build]"), log);
        CopilotRunAction action = CopilotRunAction.find(run);
        assertEquals(1, action.getRecords().size());
        PromptRecord record = action.getRecords().get(0);
        assertEquals("Why is the build red?", record.getPrompt());
        assertEquals("test-model", record.getModel());
        assertTrue(record.getSessionId().startsWith("ci-team_app-42-1-"), record.getSessionId());
        assertTrue(run.saves > 0, "the build is saved with the record");
        assertFalse(sessionExists(record.getSessionId()), "one-shot session deleted");
    }

    @Test
    void returnDetailsGivesAPlainMap() throws Exception {
        cli.model().enqueue(ScriptedResponse.text("details"));
        CopilotPromptStep step = cli.configured(new CopilotPromptStep("hi"));
        step.setReturnDetails(true);
        FakeContext context = new FakeContext(run, console);
        FakeContext.start(step, context);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) context.await();
        assertEquals("details", details.get("content"));
        assertEquals("test-model", details.get("model"));
        assertTrue((Long) details.get("tokens") > 0, details.toString());
        assertTrue(details.get("sessionId").toString().startsWith("ci-team_app-42-"));
    }

    @Test
    void blockSharesOneSessionAcrossPromptsAndDeletesItOnSuccess() throws Exception {
        cli.model().enqueue(ScriptedResponse.text("The flaky test is FooTest."), ScriptedResponse.text("Quarantine FooTest."));
        FakeContext block = new FakeContext(run, console);
        CompletableFuture<String> secondAnswer = new CompletableFuture<>();
        block.body = body -> {
            try {
                FakeContext first = new FakeContext(run, console);
                first.objects.putAll(body.objects);
                FakeContext.start(new CopilotPromptStep("Which test is flaky?"), first);
                first.await();
                FakeContext second = new FakeContext(run, console);
                second.objects.putAll(body.objects);
                FakeContext.start(new CopilotPromptStep("What should I do?"), second);
                secondAnswer.complete((String) second.await());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        FakeContext.start(cli.configured(new WithCopilotStep()), block);
        block.await();

        assertEquals("Quarantine FooTest.", secondAnswer.get());
        assertTrue(cli.model().requests().get(1).body().toString().contains("The flaky test is FooTest."),
                "the second prompt continues the block's conversation");
        List<PromptRecord> records = CopilotRunAction.find(run).getRecords();
        assertEquals(2, records.size());
        assertEquals(records.get(0).getSessionId(), records.get(1).getSessionId());
        assertFalse(sessionExists(records.get(0).getSessionId()), "block session deleted at the end");
        assertTrue(console.text().contains("[link /job/team/app/42/copilot/|"), console.text());
    }

    @Test
    void blockFailureStillClosesTheSessionAndPropagatesTheError() throws Exception {
        cli.model().enqueue(ScriptedResponse.text("ok"));
        FakeContext block = new FakeContext(run, console);
        block.body = body -> {
            try {
                FakeContext p = new FakeContext(run, console);
                p.objects.putAll(body.objects);
                FakeContext.start(new CopilotPromptStep("hi"), p);
                p.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("sh: make failed");
        };
        WithCopilotStep step = cli.configured(new WithCopilotStep());
        FakeContext.start(step, block);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> block.await());
        assertEquals("sh: make failed", e.getMessage());
        String id = CopilotRunAction.find(run).getRecords().get(0).getSessionId();
        assertFalse(sessionExists(id), "session deleted on failure too");
    }

    @Test
    void abortingTheBlockEndsTheRunningPromptPromptlyAndDeletesTheSession() throws Exception {
        cli.model().enqueue(ScriptedResponse.hang());
        FakeContext block = new FakeContext(run, console);
        CompletableFuture<FakeContext> promptContext = new CompletableFuture<>();
        block.body = body -> {
            FakeContext p = new FakeContext(run, console);
            p.objects.putAll(body.objects);
            try {
                FakeContext.start(new CopilotPromptStep("this will hang"), p);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            promptContext.complete(p);
            p.outcome.join(); // like a Pipeline body: the step's failure propagates
        };
        StepExecution execution = FakeContext.start(cli.configured(new WithCopilotStep()), block);
        FakeContext prompt = promptContext.get(30, TimeUnit.SECONDS);
        cli.model().awaitRequest(1, Duration.ofSeconds(30)); // the prompt is at the model now

        long start = System.nanoTime();
        execution.stop(new InterruptedException("aborted by user"));
        Throwable promptFailure = assertThrows(ExecutionException.class,
                () -> prompt.outcome.get(20, TimeUnit.SECONDS), () -> console.text()).getCause();
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertTrue(seconds < 20, "the prompt ended promptly after the abort: " + seconds + " s");
        assertTrue(promptFailure instanceof AbortException || promptFailure instanceof InterruptedException,
                String.valueOf(promptFailure));
        assertTrue(block.outcome.isCompletedExceptionally(), "the block failed with the abort");
        PromptRecord failed = CopilotRunAction.find(run).getRecords().get(0);
        assertTrue(failed.isFailed());
        // stop() must not block the Pipeline thread, so the session is deleted on a thread of its own: bounded wait.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sessionExists(failed.getSessionId()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(sessionExists(failed.getSessionId()), "session deleted after the abort");
    }

    @Test
    void workspaceFilesAreAttachedAndReviewFindingsComeBackAsMapsAndMarkUnstable(@TempDir Path ws) throws Exception {
        Files.writeString(ws.resolve("notes.txt"), "attached content 123");
        Files.writeString(ws.resolve("change.diff"), String.join("\n",
                "diff --git a/src/App.java b/src/App.java", "--- a/src/App.java", "+++ b/src/App.java",
                "@@ -1,2 +1,3 @@", " class App {", "+  String password = \"hunter2\";", " }", ""));
        cli.model().enqueue(ScriptedResponse.text("read it"), ScriptedResponse.text("Two issues.\n```json\n"
                + "[{\"file\":\"src/App.java\",\"line\":2,\"severity\":\"error\",\"message\":\"Hard-coded password\"},"
                + "{\"file\":\"src/Other.java\",\"line\":5,\"severity\":\"notice\",\"message\":\"Elsewhere\"}]\n```"));

        FakeContext withFile = new FakeContext(run, console);
        withFile.objects.put(FilePath.class, new FilePath(ws.toFile()));
        CopilotPromptStep prompt = cli.configured(new CopilotPromptStep("read the notes"));
        prompt.setFiles(List.of("notes.txt"));
        FakeContext.start(prompt, withFile);
        assertEquals("read it", withFile.await());
        assertTrue(cli.model().requests().get(0).lastUserMessage().contains("attached content 123"), "file attached");

        FakeContext reviewContext = new FakeContext(run, console);
        reviewContext.objects.put(FilePath.class, new FilePath(ws.toFile()));
        CopilotReviewStep review = cli.configured(new CopilotReviewStep());
        review.setDiffFile("change.diff");
        review.setUnstableOn("error");
        FakeContext.start(review, reviewContext);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) reviewContext.await();
        assertEquals(2, findings.size(), findings.toString());
        assertEquals("src/App.java", findings.get(0).get("file"));
        assertEquals(2, findings.get(0).get("line"));
        assertEquals(true, findings.get(0).get("inDiff"));
        assertEquals(false, findings.get(1).get("inDiff"), "a finding outside the diff is kept but flagged");
        assertEquals(List.of(hudson.model.Result.UNSTABLE), reviewContext.results);
        assertTrue(console.text().contains("[copilot] [error] src/App.java:2 Hard-coded password"), console.text());
        assertTrue(cli.model().requests().get(1).lastUserPrompt().contains("hunter2"), "the diff was reviewed");
        PromptRecord record = CopilotRunAction.find(run).getRecords().get(1);
        assertEquals(2, record.getFindings().size());
    }

    @Test
    void stoppingThePromptInsideABlockAbortsItAndTheBlockStillClosesItsSession() throws Exception {
        cli.model().enqueue(ScriptedResponse.hang());
        FakeContext block = new FakeContext(run, console);
        CompletableFuture<StepExecution> promptExecution = new CompletableFuture<>();
        CompletableFuture<FakeContext> promptContext = new CompletableFuture<>();
        block.body = body -> {
            FakeContext p = new FakeContext(run, console);
            p.objects.putAll(body.objects);
            try {
                promptExecution.complete(FakeContext.start(new CopilotPromptStep("this will hang"), p));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            promptContext.complete(p);
            p.outcome.join(); // the step's failure propagates through the body, as in Pipeline
        };
        FakeContext.start(cli.configured(new WithCopilotStep()), block);
        cli.model().awaitRequest(1, Duration.ofSeconds(30));
        long start = System.nanoTime();
        // What Pipeline does on abort: stop the innermost running step, on its own thread, which must not block.
        promptExecution.get(30, TimeUnit.SECONDS).stop(new InterruptedException("aborted"));
        assertTrue((System.nanoTime() - start) / 1_000_000L < 1000, "stop() returned at once");
        assertThrows(ExecutionException.class, () -> promptContext.get().outcome.get(20, TimeUnit.SECONDS));
        assertThrows(Exception.class, () -> block.await(), "the block fails with its body");
        PromptRecord record = CopilotRunAction.find(run).getRecords().get(0);
        assertFalse(sessionExists(record.getSessionId()), "the block's session was deleted on the way out");
    }

    @Test
    void explainFailureSelectsTheErrorFromTheBuildLog() throws Exception {
        for (int i = 0; i < 500; i++) {
            run.log.add("[INFO] step " + i);
        }
        run.log.add("[ERROR] Tests run: 3, Failures: 1 -- in com.acme.PaymentTest");
        run.log.add("Finished: FAILURE");
        cli.model().enqueue(ScriptedResponse.text("## Cause\nPaymentTest fails."));
        FakeContext context = new FakeContext(run, console);
        FakeContext.start(cli.configured(new CopilotExplainFailureStep()), context);
        assertEquals("## Cause\nPaymentTest fails.", context.await());
        String sent = cli.model().requests().get(0).lastUserPrompt();
        assertTrue(sent.contains("com.acme.PaymentTest"), "the error line reached the model");
        assertEquals("explainFailure", CopilotRunAction.find(run).getRecords().get(0).getKind());
    }

    @Test
    void modelOutputCannotInjectConsoleNotesOrEscapes() throws Exception {
        String hostile = "fine\n\u001B[8mha:AAAAdeadbeef\u001B[0mhidden note\n\u001B[31mred\u001B[0m <script>x</script>";
        cli.model().enqueue(ScriptedResponse.text(hostile));
        FakeContext context = new FakeContext(run, console);
        FakeContext.start(cli.configured(new CopilotPromptStep("hi")), context);
        context.await();
        String log = console.text();
        assertFalse(log.contains("\u001B"), "no escape sequence reaches the console: " + log);
        assertFalse(log.contains("ha:AAAA"), "no console-note preamble survives");
        String stored = CopilotRunAction.find(run).getRecords().get(0).getAnswer();
        assertFalse(stored.contains("\u001B"), stored);
    }

    @Test
    void clearErrorsWithoutACliOrAModel() throws Exception {
        FakeContext context = new FakeContext(run, console);
        CopilotPromptStep noCli = new CopilotPromptStep("hi");
        noCli.setModel("test-model");
        FakeContext.start(noCli, context);
        AbortException e = assertThrows(AbortException.class, () -> context.await());
        assertTrue(e.getMessage().contains("inside node { }") && e.getMessage().contains("CLI URL"), e.getMessage());

        FakeContext noModelContext = new FakeContext(run, console);
        CopilotPromptStep noModel = new CopilotPromptStep("hi");
        noModel.setCliUrl(cli.url());
        FakeContext.start(noModel, noModelContext);
        AbortException m = assertThrows(AbortException.class, () -> noModelContext.await());
        assertTrue(m.getMessage().contains("No model"), m.getMessage());
    }
}
