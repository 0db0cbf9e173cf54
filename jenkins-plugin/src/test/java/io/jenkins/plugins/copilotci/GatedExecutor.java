package io.jenkins.plugins.copilotci;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The explainer's pool as a test controls it: tasks wait until {@link #release()} runs them (each on its own
 * thread, the returned future completing when all are done), or are dropped as by a controller that stops.
 */
final class GatedExecutor implements Executor {
    private final List<Runnable> waiting = new ArrayList<>();

    @Override
    public synchronized void execute(Runnable task) {
        waiting.add(task);
    }

    synchronized int waiting() {
        return waiting.size();
    }

    synchronized CompletableFuture<Void> release() {
        CompletableFuture<?>[] all = waiting.stream().map(CompletableFuture::runAsync)
                .toArray(CompletableFuture[]::new);
        waiting.clear();
        return CompletableFuture.allOf(all);
    }

    synchronized void dropAll() {
        waiting.clear();
    }
}
