package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.fail;

import dev.copilotci.offline.PinnedCopilotCli;
import dev.copilotci.testsupport.ProcessTrees;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real pinned CLI started the way every deploy/ recipe starts it: {@code deploy/copilot-server.sh serve}, the
 * connection token in a file named by COPILOT_CONNECTION_TOKEN_FILE. Loopback only (the recipes bind 0.0.0.0 inside
 * their private network). Closing it kills whatever is left of the process tree.
 */
final class EntryPointServer implements AutoCloseable {
    static final Path DEPLOY = Path.of(System.getProperty("action.dir", ".")).toAbsolutePath().normalize().getParent()
            .resolve("deploy");
    private static final Duration START = Duration.ofSeconds(60);

    final Process process;
    final int port;
    private final Path out;
    private final Path err;

    private EntryPointServer(Process process, int port, Path out, Path err) {
        this.process = process;
        this.port = port;
        this.out = out;
        this.err = err;
    }

    /** Starts it in {@code dir} with {@code env} (the offline CLI settings) and waits until it listens. */
    static EntryPointServer start(Path dir, Map<String, String> env, Path tokenFile) throws Exception {
        int port = freePort();
        Map<String, String> all = new HashMap<>(env);
        all.put("COPILOT_CLI_DIR", PinnedCopilotCli.locate().nodeModules().orElseThrow().getParent().toString());
        all.put("COPILOT_CONNECTION_TOKEN_FILE", tokenFile.toString());
        all.put("COPILOT_HOST", "127.0.0.1");
        all.put("COPILOT_PORT", Integer.toString(port));
        Path out = Files.createTempFile(dir, "server", ".out");
        Path err = Files.createTempFile(dir, "server", ".err");
        ProcessBuilder pb = new ProcessBuilder(command("serve")).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(all);
        EntryPointServer server = new EntryPointServer(pb.start(), port, out, err);
        try {
            server.awaitListening();
        } catch (Throwable t) {
            server.close();
            throw t;
        }
        return server;
    }

    /** {@code sh deploy/copilot-server.sh ARGS...}. */
    static List<String> command(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("sh", DEPLOY.resolve("copilot-server.sh").toString()));
        command.addAll(List.of(args));
        return command;
    }

    String url() {
        return "127.0.0.1:" + port;
    }

    String stdout() throws IOException {
        return Files.readString(out);
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (stdout().toLowerCase().contains("listening on port")) {
                return;
            }
            if (!process.isAlive()) {
                fail("the server exited " + process.exitValue() + ": " + Files.readString(err));
            }
            process.waitFor(100, TimeUnit.MILLISECONDS); // polls with a deadline; returns early if it exits
        }
        fail("not listening within " + START + ": " + stdout() + Files.readString(err));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        ProcessTrees.kill(process.toHandle(), Duration.ofSeconds(10));
    }
}
