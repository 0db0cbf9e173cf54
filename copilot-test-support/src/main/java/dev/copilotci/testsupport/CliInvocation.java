package dev.copilotci.testsupport;

import dev.copilotci.offline.PinnedCopilotCli;

import dev.copilotci.offline.OfflineCliEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs the pinned CLI once to completion (e.g. {@code copilot -p "…" -s --allow-all-tools}) with a bounded wait; on
 * timeout the whole process tree is killed. Standard input is closed at once.
 */
public final class CliInvocation {

    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final PinnedCopilotCli cli;
    private OfflineCliEnvironment environment;
    private final Map<String, String> extraEnv = new LinkedHashMap<>();
    private Path workingDirectory;
    private Duration timeout = Duration.ofSeconds(60);
    private boolean nativeBinary;

    private CliInvocation(PinnedCopilotCli cli) {
        this.cli = Objects.requireNonNull(cli, "cli");
    }

    public static CliInvocation of(PinnedCopilotCli cli) {
        return new CliInvocation(cli);
    }

    public CliInvocation environment(OfflineCliEnvironment environment) {
        this.environment = environment;
        return this;
    }

    /** An extra variable set after the offline environment. */
    public CliInvocation env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    public CliInvocation workingDirectory(Path dir) {
        this.workingDirectory = dir;
        return this;
    }

    public CliInvocation timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Run the platform binary directly instead of the npm loader (one process instead of two). */
    public CliInvocation nativeBinary(boolean nativeBinary) {
        this.nativeBinary = nativeBinary;
        return this;
    }

    /** Runs {@code copilot args…}; always returns within about {@code timeout} + 10 s. */
    public CliResult run(String... args) {
        List<String> command = new ArrayList<>();
        command.add((nativeBinary ? cli.nativeBinary() : cli.executable()).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (environment != null) {
            environment.applyTo(builder);
        }
        builder.environment().putAll(extraEnv);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try {
            process.getOutputStream().close(); // EOF on stdin: -p mode must not wait for piped input
        } catch (IOException ignored) {
            // the process may already be gone
        }
        OutputCollector out = new OutputCollector(process.getInputStream(), "copilot-stdout-" + process.pid(), l -> { });
        OutputCollector err = new OutputCollector(process.getErrorStream(), "copilot-stderr-" + process.pid(), l -> { });
        boolean exited;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            ProcessTrees.kill(process.toHandle(), KILL_WAIT);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        out.awaitEnd(KILL_WAIT);
        err.awaitEnd(KILL_WAIT);
        return new CliResult(exited ? process.exitValue() : -1, out.text(), err.text(), elapsed, !exited);
    }
}
