package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model (steered by a pull request) hides the job's token from the masker: split by a control character, an
 * ANSI sequence or a zero-width space — which cleaning would join back <em>after</em> a masker had passed — or
 * encoded as {@code .git/config}'s base64 {@code x-access-token:TOKEN} header or URL-encoded. Real CLI, our own CLI
 * started by the runner (stdio), every output the action writes.
 */
@Timeout(180)
class MaskOrderAttackTest {
    private static final String TOKEN = "ghs_MaskOrderToken0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void obfuscatedTokensAreMaskedAfterCleaning() throws Exception {
        String half1 = TOKEN.substring(0, 12);
        String half2 = TOKEN.substring(12);
        String basicAuth = Base64.getEncoder().encodeToString(("x-access-token:" + TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        String answer = "control: " + half1 + "\u0001" + half2 + "\n"
                + "ansi: " + half1 + "\u001B[0m" + half2 + "\n"
                + "zero-width: " + half1 + "\u200B" + half2 + "\n"
                + "bidi: " + half1 + "\u202E" + half2 + "\n"
                + "header: AUTHORIZATION: basic " + basicAuth + "\n"
                + "end\n";
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.respondWith(r -> ScriptedResponse.text(answer));
            Path output = dir.resolve("output");
            Path summary = dir.resolve("summary");
            Files.createFile(output);
            Files.createFile(summary);
            Map<String, String> env = new HashMap<>(Map.of("GITHUB_ACTIONS", "true", "GITHUB_TOKEN", TOKEN,
                    "GITHUB_OUTPUT", output.toString(), "GITHUB_STEP_SUMMARY", summary.toString(),
                    "RUNNER_TEMP", dir.toString(), "GITHUB_RUN_ID", "7", "GITHUB_REPOSITORY", "acme/app"));
            List<String> args = new java.util.ArrayList<>(List.of("prompt", "--prompt", "hello", "--working-directory",
                    dir.toString()));
            args.addAll(w.modelArgs());
            RunnerWorld.Result r = w.run(w.env(env), "", args);
            assertEquals(0, r.exitCode(), r.stderr());
            String stdout = String.join("\n", r.stdout().lines().filter(l -> !l.startsWith("::add-mask::")).toList());
            Map<String, String> outputs = Map.of("stdout", stdout, "stderr", r.stderr(),
                    "GITHUB_OUTPUT", Files.readString(output), "step summary", Files.readString(summary));
            outputs.forEach((where, text) -> {
                for (String form : List.of(TOKEN, basicAuth.substring(20, 60), half1 + half2)) {
                    assertFalse(text.contains(form), where + " reveals the token: " + text);
                }
            });
            assertTrue(Files.readString(output).contains("zero-width: ****"), "masked, not dropped");
        }
    }
}
