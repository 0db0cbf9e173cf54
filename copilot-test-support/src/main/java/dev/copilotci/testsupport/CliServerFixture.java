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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independently started headless Copilot CLI server ({@code copilot --headless --no-auto-update --port N}), for tests
 * that connect to a shared server over TCP. Waits (bounded) for {@code listening on port N} on stdout. {@link #close()}
 * stops the whole process tree (descendants first) and waits for it to be gone.
 */
public final class CliServerFixture implements AutoCloseable {

    /** Same pattern the official SDKs use. */
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration OUTPUT_WAIT = Duration.ofSeconds(2);

    private final Process process;
    private final int port;
    private final OutputCollector stdout;
    private final OutputCollector stderr;
    private final Object stopLock = new Object();
    private List<ProcessHandle> stoppedTree; // guarded by stopLock

    private CliServerFixture(Process process, int port, OutputCollector stdout, OutputCollector stderr) {
        this.process = process;
        this.port = port;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts the pinned CLI on a random port with this offline environment and no connection token. */
    public static CliServerFixture start(OfflineCliEnvironment environment) {
        return builder().environment(environment).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}, the form SDKs and our client accept as a CLI URL. */
    public String url() {
        return "127.0.0.1:" + port;
    }

    /** Standard output captured so far. */
    public String stdout() {
        return stdout.text();
    }

    /** Standard error captured so far. */
    public String stderr() {
        return stderr.text();
    }

    /** Waits (bounded) until stdout contains {@code fragment} (output after the port line arrives later). */
    public boolean awaitStdout(String fragment, Duration timeout) {
        return stdout.awaitContains(fragment, timeout);
    }

    /** Waits (bounded) until stderr contains {@code fragment}. */
    public boolean awaitStderr(String fragment, Duration timeout) {
        return stderr.awaitContains(fragment, timeout);
    }

    /** The started process (the npm loader unless {@link Builder#nativeBinary(boolean)}). */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** The process and its live descendants right now. */
    public List<ProcessHandle> processTree() {
        return ProcessTrees.snapshot(process.toHandle());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The tree as it was when {@link #close()} or {@link #kill()} ran (empty before). */
    public List<ProcessHandle> stoppedProcessTree() {
        synchronized (stopLock) {
            return stoppedTree == null ? List.of() : stoppedTree;
        }
    }

    /** Kills the tree abruptly (SIGKILL), as a crashing server would die; waits (bounded) until it is gone. */
    public void kill() {
        stop(true);
    }

    /** Stops the tree (SIGTERM, then SIGKILL after 5 s), descendants first; waits (bounded) until it is gone. */
    @Override
    public void close() {
        stop(false);
    }

    private void stop(boolean abrupt) {
        synchronized (stopLock) {
            List<ProcessHandle> tree = abrupt ? ProcessTrees.kill(process.toHandle(), STOP_GRACE)
                    : ProcessTrees.terminate(process.toHandle(), STOP_GRACE);
            if (stoppedTree == null) {
                stoppedTree = tree;
            }
        }
        stdout.awaitEnd(OUTPUT_WAIT);
        stderr.awaitEnd(OUTPUT_WAIT);
    }

    /** Configures and starts a server. An environment (offline or explicit variables) is required. */
    public static final class Builder {
        private PinnedCopilotCli cli;
        private OfflineCliEnvironment environment;
        private final Map<String, String> extraEnv = new LinkedHashMap<>();
        private String connectionToken;
        private int port;
        private Path workingDirectory;
        private final List<String> extraArgs = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(30);
        private boolean nativeBinary;

        private Builder() {
        }

        /** Default: {@link PinnedCopilotCli#locate()}. */
        public Builder cli(PinnedCopilotCli cli) {
            this.cli = cli;
            return this;
        }

        public Builder environment(OfflineCliEnvironment environment) {
            this.environment = environment;
            return this;
        }

        /** An extra variable, set after the offline environment. */
        public Builder env(String name, String value) {
            extraEnv.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /** {@code COPILOT_CONNECTION_TOKEN}: clients must then {@code connect {token}} first. */
        public Builder connectionToken(String token) {
            this.connectionToken = token;
            return this;
        }

        /** Port to listen on; 0 (default) = random, read back from stdout. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            this.port = port;
            return this;
        }

        /** Working directory of the server (default sessions' cwd); default: the JVM's. */
        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        /** Extra CLI arguments, e.g. {@code --log-level debug}. */
        public Builder args(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Launch the platform binary directly instead of the npm loader. */
        public Builder nativeBinary(boolean nativeBinary) {
            this.nativeBinary = nativeBinary;
            return this;
        }

        /**
         * Starts the server and waits until it listens.
         *
         * @throws IllegalStateException if it exits or does not listen within the start timeout (the tree is stopped
         *                               and the captured output is in the message)
         */
        public CliServerFixture start() {
            if (environment == null && extraEnv.isEmpty()) {
                throw new IllegalStateException("no environment: use environment(OfflineCliEnvironment.create(provider))");
            }
            PinnedCopilotCli resolved = cli != null ? cli : PinnedCopilotCli.locate();
            List<String> command = new ArrayList<>();
            command.add((nativeBinary ? resolved.nativeBinary() : resolved.executable()).toString());
            command.addAll(List.of("--headless", "--no-auto-update", "--port", Integer.toString(port)));
            command.addAll(extraArgs);
            ProcessBuilder builder = new ProcessBuilder(command);
            if (environment != null) {
                environment.applyTo(builder);
            }
            builder.environment().putAll(extraEnv);
            if (connectionToken != null) {
                builder.environment().put("COPILOT_CONNECTION_TOKEN", connectionToken);
            }
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            builder.redirectInput(ProcessBuilder.Redirect.PIPE);
            Process process;
            try {
                process = builder.start();
                process.getOutputStream().close(); // TCP mode never reads stdin
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
            CompletableFuture<Integer> listening = new CompletableFuture<>();
            OutputCollector out = new OutputCollector(process.getInputStream(), "copilot-server-stdout-" + process.pid(),
                    line -> {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            listening.complete(Integer.parseInt(m.group(1)));
                        }
                    });
            OutputCollector err = new OutputCollector(process.getErrorStream(), "copilot-server-stderr-" + process.pid(),
                    line -> { });
            process.onExit().thenRun(() -> listening.completeExceptionally(
                    new IllegalStateException("exited with " + process.exitValue() + " before listening")));
            try {
                int actualPort = listening.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
                return new CliServerFixture(process, actualPort, out, err);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                ProcessTrees.terminate(process.toHandle(), STOP_GRACE);
                out.awaitEnd(OUTPUT_WAIT);
                err.awaitEnd(OUTPUT_WAIT);
                String why = e instanceof TimeoutException ? "did not print 'listening on port' within " + startTimeout
                        : String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e);
                throw new IllegalStateException("Copilot CLI server " + why + ": " + command + "\n--- stdout\n"
                        + out.text() + "--- stderr\n" + err.text(), e);
            }
        }
    }
}
