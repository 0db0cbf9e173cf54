package dev.copilotci.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * In stdio mode stdout carries the protocol, so stderr is the CLI's only log: it must be drained (or a chatty CLI
 * blocks on a full pipe) and masked (a secret-named variable of its environment never reaches our log).
 */
@Timeout(60)
@DisabledOnOs(OS.WINDOWS)
class CliLauncherStdioTest {
    @TempDir
    Path dir;

    @Test
    void stderrIsDrainedAndMaskedWhileStdoutStaysThePipe() throws Exception {
        Path fake = dir.resolve("copilot");
        // 3000 lines (~150 KB) overflow a pipe buffer several times before anything reaches stdout.
        Files.writeString(fake, "#!/bin/sh\ni=0\nwhile [ $i -lt 3000 ]; do echo \"line $i key=$MY_API_KEY\" >&2;"
                + " i=$((i+1)); done\necho done\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch logged = new CountDownLatch(3000);
        CliLauncher.LaunchedCli cli = CliLauncher.launch(CliLaunchOptions.builder().cliPath(fake)
                .mode(CliLaunchOptions.Mode.STDIO).inheritEnvironment(false).env("MY_API_KEY", "sk-StdioKey-42")
                .logSink(line -> {
                    log.add(line);
                    logged.countDown();
                }).build());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(cli.process().getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("done", out.readLine(), "stdout is ours alone: nothing of stderr is merged into it");
        }
        assertTrue(cli.process().waitFor(20, TimeUnit.SECONDS));
        assertTrue(logged.await(10, TimeUnit.SECONDS), "every stderr line reached the log sink: " + log.size());
        assertEquals(3000, log.size(), "every stderr line reached the log sink");
        assertTrue(log.get(0).endsWith("key=****"), log.get(0));
        assertFalse(log.stream().anyMatch(l -> l.contains("sk-StdioKey-42")));
    }
}
