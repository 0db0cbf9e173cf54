package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.RecordedRequest;
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
 * A pull request replaces the files a workflow names ({@code prompt-file}, {@code diff-file}, {@code log-file}) with
 * links out of the checkout: to a secret file elsewhere on the runner, or to {@code /proc/self/environ}. The runner
 * must refuse to read them, so nothing outside the checkout reaches the model. Real CLI, scripted model.
 */
@Timeout(180)
class InputLinkAttackTest {
    private static final String SECRET = "SECRET-OUTSIDE-THE-CHECKOUT-4242";

    @TempDir
    Path checkout;
    @TempDir
    Path outside;

    @Test
    void linksOutOfTheCheckoutAreNotRead() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), SECRET + "\n[ERROR] " + SECRET + "\n");
        Files.createSymbolicLink(checkout.resolve("prompt.md"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(checkout.resolve("change.diff"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(checkout.resolve("build.log"), outside.resolve("secret.txt"));
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.respondWith(r -> ScriptedResponse.text("ok"));
            for (List<String> mode : List.of(List.of("prompt", "--prompt-file", "prompt.md"),
                    List.of("review", "--diff-file", "change.diff"),
                    List.of("explain-failure", "--log-file", "build.log"))) {
                List<String> args = new ArrayList<>(mode);
                args.addAll(List.of("--working-directory", checkout.toString()));
                args.addAll(w.modelArgs());
                RunnerWorld.Result r = w.run(w.env(Map.of()), "", args);
                assertEquals(2, r.exitCode(), mode + ": " + r.stderr());
                assertTrue(r.stderr().contains("is a link that leaves the workspace"), r.stderr());
                assertFalse(r.stdout().contains(SECRET) || r.stderr().contains(SECRET), mode.toString());
            }
            for (RecordedRequest req : w.provider.requests()) {
                assertFalse(req.body().toString().contains(SECRET), "the model was sent the outside file");
            }
        }
    }
}
