package dev.copilotci.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Ends whole process trees. The npm {@code copilot} bin is a Node loader whose child is the real CLI; ending only the
 * loader orphans the server, so descendants are always signalled before the root.
 */
public final class ProcessTrees {

    private ProcessTrees() {
    }

    /** Descendants (all levels) followed by the root, as currently known to the OS. */
    public static List<ProcessHandle> snapshot(ProcessHandle root) {
        List<ProcessHandle> tree = root.descendants().collect(Collectors.toCollection(ArrayList::new));
        tree.add(root);
        return List.copyOf(tree);
    }

    /**
     * Asks the tree to stop (SIGTERM, descendants first), waits up to {@code grace}, then kills what is left (SIGKILL)
     * and waits up to {@code grace} again.
     *
     * @return the processes that were in the tree (check them with {@link #allDead(List)})
     */
    public static List<ProcessHandle> terminate(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = snapshot(root);
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(tree, grace)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            awaitExit(tree, grace);
        }
        return tree;
    }

    /** Kills the tree at once (SIGKILL, descendants first) and waits up to {@code wait} for it to be gone. */
    public static List<ProcessHandle> kill(ProcessHandle root, Duration wait) {
        List<ProcessHandle> tree = snapshot(root);
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitExit(tree, wait);
        return tree;
    }

    /** Whether none of these processes is alive any more. */
    public static boolean allDead(List<ProcessHandle> processes) {
        return processes.stream().noneMatch(ProcessHandle::isAlive);
    }

    /** Waits (bounded) until all processes have exited; returns whether they did. */
    public static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle p : processes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return allDead(processes);
            }
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                // onExit never completes exceptionally; treat like "unknown" and let allDead decide
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return allDead(processes);
            }
        }
        return allDead(processes);
    }
}
