package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.runner.github.ProcessRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health check of the image, the Kubernetes probes and the prune CronJob exactly as the recipes run them
 * ({@code copilot-server.sh health} and {@code copilot-server.sh runner sessions ...}) with the packaged runner jar
 * and the JVM flags of the entry point, against the real CLI started by the same entry point.
 */
@Timeout(180)
class DeployHealthCheckIT {
    private static final Path JAR = Path.of(System.getProperty("runner.jar", "target/copilot-runner.jar"))
            .toAbsolutePath();
    private static final Duration RUN = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void theRecipesHealthCheckAndPruneJobWorkAgainstTheServerTheyRunBeside() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "package the runner first: " + JAR);
        Path secret = Files.writeString(tmp.resolve("token"), "conn-DeployHealth-31337\n");
        Path wrong = Files.writeString(tmp.resolve("wrong"), "conn-not-the-token\n");
        try (RunnerWorld w = new RunnerWorld();
             EntryPointServer server = EntryPointServer.start(tmp, w.env(Map.of()), secret)) {
            ProcessRun healthy = entryPoint(server, secret, "health");
            assertEquals(0, healthy.exitCode(), healthy.stdout() + healthy.stderr());
            JsonNode line = new ObjectMapper().readTree(healthy.stdout().strip());
            assertTrue(line.path("ok").asBoolean(), healthy.stdout());
            assertEquals("1.0.102", line.path("version").asText());
            assertFalse(healthy.stdout().contains("DeployHealth"), "the token is never printed");

            // A probe that cannot authenticate marks the container unhealthy rather than passing on an open port.
            ProcessRun refused = entryPoint(server, wrong, "health");
            assertEquals(1, refused.exitCode(), refused.stdout() + refused.stderr());

            ProcessRun prune = entryPoint(server, secret, "runner", "sessions", "prune", "--older-than", "24h",
                    "--prefix", "ci-", "--cli-url", server.url());
            assertEquals(0, prune.exitCode(), prune.stdout() + prune.stderr());
        }
    }

    private ProcessRun entryPoint(EntryPointServer server, Path tokenFile, String... args) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("COPILOT_CONNECTION_TOKEN_FILE", tokenFile.toString());
        env.put("COPILOT_PORT", Integer.toString(server.port));
        env.put("RUNNER_JAR", JAR.toString());
        return ProcessRun.run(EntryPointServer.command(args), tmp, env, false, RUN);
    }
}
