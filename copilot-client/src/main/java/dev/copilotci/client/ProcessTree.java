package dev.copilotci.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends a process and everything it started. The npm {@code copilot} bin is a Node loader whose child is the real
 * server, so killing only the parent would orphan a listening server. Descendants are captured before the parent
 * dies, because orphans are re-parented and no longer show up as descendants. Also what the job layer's git uses at
 * its deadline ({@code git fetch} runs {@code git-remote-https} and {@code index-pack} as children).
 */
public final class ProcessTree {
    private ProcessTree() {
    }

    /** SIGTERM to the whole tree, wait up to {@code grace}, then SIGKILL what is left and wait again (bounded). */
    public static void terminate(Process process, Duration grace) {
        boolean interrupted = Thread.interrupted(); // a cancelled job still gets its grace period and its reaping
        try {
            terminateTree(process, grace);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void terminateTree(Process process, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : tree) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception ignored) {
                // still alive or already reaped: handled below
            }
        }
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the kernel reaps SIGKILLed processes; nothing more we can do
            }
        }
        try {
            process.waitFor(1, TimeUnit.SECONDS); // reap our direct child
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
