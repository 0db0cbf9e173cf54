package dev.copilotci.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * git at its deadline: what it started goes with it. A {@code git fetch} of a huge pull request runs
 * {@code git-remote-https} and {@code index-pack} as children; killing git alone would leave them downloading.
 */
@Timeout(60)
class LocalGitTest {

    @Test
    void aTimedOutGitTakesItsChildProcessesWithIt(@TempDir Path repo) throws Exception {
        // A shell alias: git starts a shell, the shell a child that outlives a git killed on its own.
        String marker = "copilot-ci-" + UUID.randomUUID();
        LocalGit git = new LocalGit(repo, Duration.ofSeconds(1));
        git.run(List.of("init", "-q"));

        IOException late = assertThrows(IOException.class, () -> git.run(List.of("-c",
                "alias.hang=!sh -c 'sleep 120' " + marker + " #", "hang")));

        assertTrue(late.getMessage().contains("did not finish within 1 s"), late.getMessage());
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().orElse("").contains(marker)
                        || h.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false))
                .toList();
        // A kill is not instantaneous: each gets a bounded wait for its end.
        left.forEach(h -> h.onExit().completeOnTimeout(h, 5, TimeUnit.SECONDS).join());
        List<ProcessHandle> alive = left.stream().filter(ProcessHandle::isAlive).toList();
        alive.stream().flatMap(h -> java.util.stream.Stream.concat(h.descendants(), java.util.stream.Stream.of(h)))
                .toList().forEach(ProcessHandle::destroyForcibly); // leave nothing behind, whatever the verdict
        assertEquals(List.of(), alive.stream().map(ProcessHandle::pid).toList(), "git's children outlived it");
    }
}
