package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.copilotci.job.ServerProbe;
import dev.copilotci.offline.PinnedCopilotCli;
import dev.copilotci.testsupport.ProcessTrees;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real pinned CLI started by deploy/copilot-server.sh (the entry point of every deploy/ recipe), with the token
 * in a mounted-secret file. Attack: a client that does not know the token (none, or a wrong one) tries to use the
 * shared server; it must be refused, which holds only if the entry point really hands the file's token to the CLI.
 * Also: SIGTERM to the started process stops the server itself (the entry point execs the native binary; the npm
 * loader would leave it running, still accepting connections).
 */
@Timeout(180)
class SharedServerEntryPointAttackTest {
    private static final String TOKEN = "conn-EntryPointE2E-5150";
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void onlyClientsWithTheMountedTokenGetInAndSigtermStopsTheServer() throws Exception {
        try (RunnerWorld w = new RunnerWorld()) {
            Path secret = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
            int port = freePort();
            Path cliDir = PinnedCopilotCli.locate().nodeModules().orElseThrow().getParent();
            Path deploy = Path.of(System.getProperty("action.dir", ".")).toAbsolutePath().normalize().getParent()
                    .resolve("deploy");
            ProcessBuilder pb = new ProcessBuilder("sh", deploy.resolve("copilot-server.sh").toString(), "serve")
                    .directory(tmp.toFile())
                    .redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
            pb.environment().clear();
            pb.environment().putAll(w.env(Map.of(
                    "COPILOT_CLI_DIR", cliDir.toString(),
                    "COPILOT_CONNECTION_TOKEN_FILE", secret.toString(),
                    // Loopback in a test; the recipes bind 0.0.0.0 inside their private network.
                    "COPILOT_HOST", "127.0.0.1",
                    "COPILOT_PORT", Integer.toString(port))));
            Process server = pb.start();
            try {
                awaitListening(server, tmp.resolve("out"), tmp.resolve("err"));
                String url = "127.0.0.1:" + port;

                ServerProbe.Health anonymous = new ServerProbe(null, Duration.ofSeconds(5)).check(url);
                assertFalse(anonymous.ok(), "a client without the token is refused: " + anonymous.toJson());
                ServerProbe.Health wrong = new ServerProbe("conn-guessed", Duration.ofSeconds(5)).check(url);
                assertFalse(wrong.ok(), "a wrong token is refused: " + wrong.toJson());
                ServerProbe.Health owner = new ServerProbe(TOKEN, Duration.ofSeconds(5)).check(url);
                assertTrue(owner.ok(), owner.toJson());
                assertEquals("1.0.102", owner.version());
                assertFalse(Files.readString(tmp.resolve("out")).contains("No COPILOT_CONNECTION_TOKEN"),
                        "the CLI itself saw a token");

                // The started process is the native server (exec), not a shell or the npm loader above it.
                String command = server.info().command().orElse("");
                assertTrue(command.endsWith("/copilot") && command.contains("@github/copilot-linux-"), command);
                List<ProcessHandle> tree = ProcessTrees.snapshot(server.toHandle());
                server.destroy(); // SIGTERM, as docker stop / kubelet / systemd send it to the main process
                assertTrue(ProcessTrees.awaitExit(tree, Duration.ofSeconds(20)), "the whole server stopped");
                assertFalse(accepts(port), "nothing listens on " + port + " any more");
            } finally {
                ProcessTrees.kill(server.toHandle(), Duration.ofSeconds(10));
            }
        }
    }

    private static void awaitListening(Process server, Path out, Path err) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(out).toLowerCase().contains("listening on port")) {
                return;
            }
            if (!server.isAlive()) {
                fail("the server exited " + server.exitValue() + ": " + Files.readString(err));
            }
            server.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS); // poll with a deadline, not a sleep
        }
        fail("not listening within " + START + ": " + Files.readString(out) + Files.readString(err));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
