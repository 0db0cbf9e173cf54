package dev.copilotci.client;

import dev.copilotci.client.text.SecretMasker;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts {@code copilot --headless} as a child process and knows how to reach and stop it. */
final class CliLauncher {
    static final String CONNECTION_TOKEN_ENV = "COPILOT_CONNECTION_TOKEN";
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(TOKEN|KEY|SECRET|PASSWORD|CREDENTIAL).*");

    private CliLauncher() {
    }

    /** A running server we started: stop it with {@link #stop(Duration)}. */
    public static final class LaunchedCli {
        private final Process process;
        private final CliLaunchOptions.Mode mode;
        private final int port;
        private final String connectionToken;
        private final List<String> command;

        private final StderrTail stderr;

        LaunchedCli(Process process, CliLaunchOptions.Mode mode, int port, String connectionToken, List<String> command,
                    StderrTail stderr) {
            this.stderr = stderr;
            this.process = process;
            this.mode = mode;
            this.port = port;
            this.connectionToken = connectionToken;
            this.command = command;
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public CliLaunchOptions.Mode mode() {
            return mode;
        }

        /** The loopback port in TCP mode, 0 in stdio mode. */
        public int port() {
            return port;
        }

        /** The token the server was given (TCP mode), else {@code null}. Never log it. */
        public String connectionToken() {
            return connectionToken;
        }

        public List<String> command() {
            return command;
        }

        /** "; its stderr ended with: …" (masked), or "" — to explain a failed start or handshake. */
        public String stderrTail() {
            return stderr.describe();
        }

        /** A fresh transport to this server: a new TCP connection, or (stdio) the one pipe pair it has. */
        public Transport openTransport(Duration connectTimeout) throws IOException {
            if (mode == CliLaunchOptions.Mode.STDIO) {
                return new StreamTransport(process.getInputStream(), process.getOutputStream(),
                        "stdio of copilot pid " + process.pid(), null);
            }
            return TcpTransport.connect("127.0.0.1", port, connectTimeout);
        }

        /** Terminates the process tree: SIGTERM, {@code grace}, SIGKILL. */
        public void stop(Duration grace) {
            ProcessTree.terminate(process, grace);
        }

        Process process() {
            return process;
        }
    }

    /** A CLI process that has been spawned and may still be starting up. */
    static final class Starting {
        private final Process process;
        private final CliLaunchOptions options;
        private final CompletableFuture<Integer> port;
        private final String token;
        private final List<String> command;
        private final StderrTail stderr;

        Starting(Process process, CliLaunchOptions options, CompletableFuture<Integer> port, String token,
                 List<String> command, StderrTail stderr) {
            this.process = process;
            this.options = options;
            this.port = port;
            this.token = token;
            this.command = command;
            this.stderr = stderr;
        }

        /** Waits (within the start timeout) until it listens; on failure the process is gone and the message says why. */
        LaunchedCli awaitReady() {
            if (options.mode() == CliLaunchOptions.Mode.STDIO) {
                return new LaunchedCli(process, options.mode(), 0, null, command, stderr);
            }
            try {
                int p = port.get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
                return new LaunchedCli(process, options.mode(), p, token, command, stderr);
            } catch (TimeoutException e) {
                ProcessTree.terminate(process, Duration.ofSeconds(2));
                throw new CopilotException("The Copilot CLI did not report a listening port within "
                        + options.startTimeout().toSeconds() + " s" + stderr.describe()
                        + ". Check the CLI installation and its environment.", e);
            } catch (ExecutionException e) {
                waitQuietly(process);
                String exit = process.isAlive() ? "closed its output" : "exited with code " + process.exitValue();
                ProcessTree.terminate(process, Duration.ofSeconds(2));
                throw new CopilotException("The Copilot CLI " + exit + " before listening" + stderr.describe(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ProcessTree.terminate(process, Duration.ofSeconds(2));
                throw new CopilotException("Interrupted while starting the Copilot CLI", e);
            }
        }

        /** Gives up on it (the client failed before using it). */
        void abandon() {
            ProcessTree.terminate(process, Duration.ofSeconds(2));
        }
    }

    public static LaunchedCli launch(CliLaunchOptions options) throws CopilotException {
        return start(options).awaitReady();
    }

    /**
     * Spawns the CLI and returns at once; {@link Starting#awaitReady()} waits for it. Lets the caller do its own
     * start-up work (class loading, reading inputs) while the CLI boots.
     */
    static Starting start(CliLaunchOptions options) throws CopilotException {
        List<String> command = new ArrayList<>(resolveCommand(options.cliPath()));
        command.add("--headless");
        command.add("--no-auto-update");
        if (options.mode() == CliLaunchOptions.Mode.STDIO) {
            command.add("--stdio");
        }
        command.addAll(options.extraArgs());

        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        if (!options.inheritEnvironment()) {
            env.clear();
            String path = System.getenv("PATH"); // node needs PATH even when the rest is not inherited
            if (path != null) {
                env.put("PATH", path);
            }
        }
        env.remove("NODE_DEBUG");
        env.putAll(options.environment());
        env.putIfAbsent("COPILOT_AUTO_UPDATE", "false");
        String token = null;
        if (options.mode() == CliLaunchOptions.Mode.TCP) {
            token = env.get(CONNECTION_TOKEN_ENV);
            if (token == null || token.isBlank()) {
                token = UUID.randomUUID().toString();
                env.put(CONNECTION_TOKEN_ENV, token);
            }
        } else {
            env.remove(CONNECTION_TOKEN_ENV); // stdio servers reject any token
        }
        if (options.workingDirectory() != null) {
            pb.directory(options.workingDirectory().toFile());
        }
        if (options.mode() == CliLaunchOptions.Mode.TCP) {
            pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new CopilotException("Cannot start the Copilot CLI '" + command.get(0) + "': " + e.getMessage()
                    + ". Install it (npm install -g @github/copilot) or set the CLI path / COPILOT_CLI_PATH.", e);
        }
        if (options.mode() == CliLaunchOptions.Mode.TCP) {
            try {
                process.getOutputStream().close(); // the TCP server does not read stdin
            } catch (IOException ignored) {
                // nothing to release
            }
        }
        SecretMasker masker = SecretMasker.of(secretValues(env)); // after the spawn: the CLI boots meanwhile
        StderrTail stderr = new StderrTail(20);
        drain(process.getErrorStream(), "copilot-cli-stderr-" + process.pid(), line -> {
            String masked = masker.mask(line);
            stderr.add(masked);
            options.logSink().accept(masked);
        }, null);
        CompletableFuture<Integer> port = new CompletableFuture<>();
        if (options.mode() == CliLaunchOptions.Mode.TCP) {
            drain(process.getInputStream(), "copilot-cli-stdout-" + process.pid(), line -> {
                options.logSink().accept(masker.mask(line));
                Matcher m = LISTENING.matcher(line);
                if (!port.isDone() && m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }, () -> port.completeExceptionally(new IOException("stdout closed")));
            process.onExit().thenRun(() -> port.completeExceptionally(new IOException("exited")));
        }
        return new Starting(process, options, port, token, List.copyOf(command), stderr);
    }

    private static void waitQuietly(Process process) {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Values of variables whose names say they are secret, plus our connection token: never echoed to a log. */
    private static List<String> secretValues(Map<String, String> env) {
        List<String> values = new ArrayList<>();
        env.forEach((name, value) -> {
            if (value != null && value.length() >= 4 && SECRET_NAME.matcher(name).matches()) {
                values.add(value);
            }
        });
        return values;
    }

    private static void drain(InputStream in, String threadName, java.util.function.Consumer<String> lines,
                              Runnable atEnd) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    try {
                        lines.accept(line);
                    } catch (RuntimeException ignored) {
                        // a failing log sink must not stop the drain, or the child blocks on a full pipe
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            } finally {
                if (atEnd != null) {
                    atEnd.run();
                }
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
    }

    /**
     * The command that runs the CLI. The npm {@code copilot} bin is a Node loader that spawns the platform binary as a
     * child; we run that binary directly when we can find it (one process to stop, no Node start-up), else the loader.
     */
    static List<String> resolveCommand(Path configured) throws CopilotException {
        Path cli = configured;
        if (cli == null) {
            String env = System.getenv("COPILOT_CLI_PATH");
            cli = env != null && !env.isBlank() ? Path.of(env) : findOnPath("copilot");
        }
        if (cli == null) {
            throw new CopilotException("The Copilot CLI was not found: no CLI path was given, COPILOT_CLI_PATH is not set"
                    + " and 'copilot' is not on PATH. Install it with: npm install -g @github/copilot");
        }
        if (!Files.exists(cli)) {
            throw new CopilotException("The Copilot CLI path '" + cli + "' does not exist. Fix the CLI path"
                    + " (or COPILOT_CLI_PATH), or install the CLI with: npm install -g @github/copilot");
        }
        Path real;
        try {
            real = cli.toRealPath();
        } catch (IOException e) {
            real = cli;
        }
        Path nativeBinary = nativeBinaryBeside(real);
        if (nativeBinary != null) {
            return List.of(nativeBinary.toString());
        }
        if (real.getFileName().toString().endsWith(".js")) {
            return List.of("node", real.toString());
        }
        return List.of(cli.toString());
    }

    /** For {@code node_modules/@github/copilot/npm-loader.js}, the sibling {@code copilot-<os>-<arch>/copilot}. */
    static Path nativeBinaryBeside(Path loader) {
        if (!loader.getFileName().toString().equals("npm-loader.js") || loader.getParent() == null) {
            return null;
        }
        Path scope = loader.getParent().getParent();
        if (scope == null) {
            return null;
        }
        return CliPlatform.nativeBinaryIn(scope).orElse(null);
    }

    private static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The last lines of stderr, to explain a failed start. */
    static final class StderrTail {
        private final int max;
        private final java.util.ArrayDeque<String> lines = new java.util.ArrayDeque<>();

        StderrTail(int max) {
            this.max = max;
        }

        synchronized void add(String line) {
            if (lines.size() == max) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }

        synchronized String describe() {
            return lines.isEmpty() ? "" : "; its stderr ended with:\n  " + String.join("\n  ", lines);
        }
    }

}
