package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.job.ServerProbe;
import dev.copilotci.testsupport.ProcessTrees;
import java.io.IOException;
import java.net.InetSocketAddress;
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

    @TempDir
    Path tmp;

    @Test
    void onlyClientsWithTheMountedTokenGetInAndSigtermStopsTheServer() throws Exception {
        Path secret = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
        try (RunnerWorld w = new RunnerWorld();
             EntryPointServer server = EntryPointServer.start(tmp, w.env(Map.of()), secret)) {
            ServerProbe.Health anonymous = new ServerProbe(null, Duration.ofSeconds(5)).check(server.url());
            assertFalse(anonymous.ok(), "a client without the token is refused: " + anonymous.toJson());
            ServerProbe.Health wrong = new ServerProbe("conn-guessed", Duration.ofSeconds(5)).check(server.url());
            assertFalse(wrong.ok(), "a wrong token is refused: " + wrong.toJson());
            ServerProbe.Health owner = new ServerProbe(TOKEN, Duration.ofSeconds(5)).check(server.url());
            assertTrue(owner.ok(), owner.toJson());
            assertEquals("1.0.102", owner.version());
            assertFalse(server.stdout().contains("No COPILOT_CONNECTION_TOKEN"), "the CLI itself saw a token");

            // The started process is the native server (exec), not a shell or the npm loader above it.
            String command = server.process.info().command().orElse("");
            assertTrue(command.endsWith("/copilot") && command.contains("@github/copilot-linux-"), command);
            List<ProcessHandle> tree = ProcessTrees.snapshot(server.process.toHandle());
            server.process.destroy(); // SIGTERM, as docker stop / kubelet / systemd send it to the main process
            assertTrue(ProcessTrees.awaitExit(tree, Duration.ofSeconds(20)), "the whole server stopped");
            assertFalse(accepts(server.port), "nothing listens on " + server.port + " any more");
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
