package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull request replaces the workflow's {@code output-schema} file with a link out of the checkout (to a secret
 * file that happens to be JSON): the runner refuses it before any model call, so the file never reaches the prompt.
 */
@Timeout(180)
class OutputSchemaLinkAttackTest {
    private static final String SECRET = "SECRET-SCHEMA-OUTSIDE-7171";

    @TempDir
    Path checkout;
    @TempDir
    Path outside;

    @Test
    void aSchemaLinkOutOfTheCheckoutIsAUsageError() throws Exception {
        Files.writeString(outside.resolve("creds.json"), "{\"description\":\"" + SECRET + "\"}");
        Files.createSymbolicLink(checkout.resolve("schema.json"), outside.resolve("creds.json"));
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.respondWith(r -> ScriptedResponse.text("{}"));
            List<String> args = new ArrayList<>(List.of("prompt", "--prompt", "hi", "--output-schema", "schema.json",
                    "--working-directory", checkout.toString()));
            args.addAll(w.modelArgs());
            RunnerWorld.Result r = w.run(w.env(Map.of()), "", args);
            assertEquals(2, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("is a link that leaves the workspace"), r.stderr());
            assertEquals(0, w.provider.requests().size(), "no model call");
            assertFalse(r.stdout().contains(SECRET) || r.stderr().contains(SECRET));
        }
    }
}
