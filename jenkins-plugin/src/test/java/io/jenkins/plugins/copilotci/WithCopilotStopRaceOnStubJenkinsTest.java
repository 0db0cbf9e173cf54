package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.copilotci.StubJenkins.FakeContext;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An abort that arrives just as {@code withCopilot} is about to start its body (session open, body not yet
 * requested) must never let the body start after the step has failed. The stop is injected deterministically at
 * that point: when the step asks for the body invoker, another thread calls {@code stop()} and the test waits until
 * that thread has either finished or is blocked waiting for the step.
 */
@Timeout(90)
class WithCopilotStopRaceOnStubJenkinsTest {
    @Test
    void aStopJustBeforeTheBodyStartsNeverLetsTheBodyStartAfterTheStepFailed() throws Exception {
        try (ScriptedCopilot cli = new ScriptedCopilot().started()) {
            FakeRun run = new FakeRun(new FakeJob("team", "app"), 5);
            FakeContext block = new FakeContext(run, new RecordingListener());
            block.body = body -> { };
            WithCopilotStep step = new WithCopilotStep();
            cli.configured(step);

            AtomicReference<StepExecution> execution = new AtomicReference<>();
            List<Thread.State> stopperStates = new CopyOnWriteArrayList<>();
            InterruptedException abort = new InterruptedException("aborted by user");
            block.onNewBodyInvoker = () -> {
                Thread stopper = new Thread(() -> {
                    try {
                        execution.get().stop(abort);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "pipeline-stop");
                stopper.setDaemon(true);
                stopper.start();
                // No sleeping (this thread may be interrupted by the stop): spin until the stop either completed or
                // waits for the step, bounded.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                Thread.State state = stopper.getState();
                while (state != Thread.State.TERMINATED && state != Thread.State.BLOCKED
                        && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    state = stopper.getState();
                }
                stopperStates.add(state);
            };
            execution.set(step.start(block));
            execution.get().start();

            ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> block.outcome.get(60, TimeUnit.SECONDS));
            assertInstanceOf(InterruptedException.class, failed.getCause());
            assertEquals(1, stopperStates.size(), "the stop was injected once, before the body start");
            assertTrue(block.bodyStartsAfterEnd.isEmpty(), block.bodyStartsAfterEnd::toString);
        }
    }
}
