package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import io.jenkins.plugins.copilotci.StubJenkins.FakeContext;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inside {@code node} without a CLI URL: our steps start the REAL Copilot CLI through the (stub) Launcher, as on an
 * agent, and speak the protocol over its stdio pipes. Tests our code against our stubs with a local test launcher.
 */
@Timeout(120)
class CliOnTheAgentOnStubJenkinsTest {
    @TempDir
    Path root;

    private FakeContext nodeContext(FakeRun run, RecordingListener console, LocalTestLauncher launcher,
                                    ScriptedCopilot cli) throws Exception {
        Path workspace = Files.createDirectories(root.resolve("workspace"));
        return new FakeContext(run, console).onNode(launcher, workspace, cli.offline().env());
    }

    @Test
    void blockStartsTheCliOnTheAgentSpeaksOverItsPipesAndStopsIt() throws Exception {
        try (ScriptedCopilot cli = new ScriptedCopilot().noServer().started()) {
            cli.model().enqueue(ScriptedResponse.text("first answer"), ScriptedResponse.text("second answer"));
            FakeRun run = new FakeRun(new FakeJob("team", "agent"), 3);
            RecordingListener console = new RecordingListener();
            LocalTestLauncher launcher = new LocalTestLauncher(console);
            FakeContext block = nodeContext(run, console, launcher, cli);
            CompletableFuture<String> answers = new CompletableFuture<>();
            block.body = body -> {
                try {
                    StringBuilder both = new StringBuilder();
                    for (String q : new String[] {"one?", "two?"}) {
                        FakeContext p = new FakeContext(run, console);
                        p.objects.putAll(body.objects);
                        FakeContext.start(new CopilotPromptStep(q), p);
                        both.append(p.await()).append('|');
                    }
                    answers.complete(both.toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            WithCopilotStep step = new WithCopilotStep();
            cli.onAgent(step);
            FakeContext.start(step, block);
            block.await();

            assertEquals("first answer|second answer|", answers.get());
            assertEquals(1, launcher.started.size(), "one CLI for the whole block");
            Process agentCli = launcher.started.get(0);
            assertTrue(agentCli.waitFor(10, TimeUnit.SECONDS), "the CLI on the agent is stopped after the block");
            assertTrue(agentCli.info().command().isPresent() || !agentCli.isAlive());
            try (var files = Files.list(root.resolve("workspace@tmp"))) {
                assertEquals(0, files.count(), "the CLI's stderr log is removed");
            }
            assertTrue(console.text().contains("[copilot] first answer"), console.text());
        }
    }

    @Test
    void aMissingCliOnTheAgentFailsWithWhatItSaid() throws Exception {
        try (ScriptedCopilot cli = new ScriptedCopilot().noServer().started()) {
            FakeRun run = new FakeRun(new FakeJob("team", "agent"), 4);
            RecordingListener console = new RecordingListener();
            LocalTestLauncher launcher = new LocalTestLauncher(console);
            FakeContext context = nodeContext(run, console, launcher, cli);
            CopilotPromptStep step = new CopilotPromptStep("hi");
            step.setCliPath(root.resolve("no-such-copilot").toString());
            step.setModel("test-model");
            long start = System.nanoTime();
            FakeContext.start(step, context);
            AbortException e = assertThrows(AbortException.class, () -> context.await());
            assertTrue((System.nanoTime() - start) / 1_000_000_000L < 30, "fails fast");
            assertTrue(e.getMessage().contains("no-such-copilot") && e.getMessage().contains("not found"),
                    e.getMessage());
            assertFalse(launcher.started.get(0).isAlive());
        }
    }

    @Test
    void insideDockerWithoutAnOpenStdinTheErrorNamesTheSharedServerFix() throws Exception {
        try (ScriptedCopilot cli = new ScriptedCopilot().noServer().started()) {
            FakeRun run = new FakeRun(new FakeJob("team", "docker"), 5);
            RecordingListener console = new RecordingListener();
            LocalTestLauncher launcher = new LocalTestLauncher(console);
            launcher.stdinClosed = true; // docker-workflow's `docker exec` without -i
            FakeContext context = nodeContext(run, console, launcher, cli);
            CopilotPromptStep step = new CopilotPromptStep("hi");
            cli.onAgent(step);
            FakeContext.start(step, context);
            AbortException e = assertThrows(AbortException.class, () -> context.await());
            assertTrue(e.getMessage().contains("docker exec without -i") && e.getMessage().contains("cliUrl"),
                    e.getMessage());
            assertTrue(cli.model().requests().isEmpty(), "nothing reached the model");
        }
    }
}
