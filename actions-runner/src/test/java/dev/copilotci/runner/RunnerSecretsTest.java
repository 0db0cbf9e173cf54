package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.testsupport.CliServerFixture;
import dev.copilotci.offline.RecordedRequest;
import dev.copilotci.offline.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every mode with known token values (GitHub token, connection token, BYOK key) and a model that leaks every one of
 * them in its answer: none may appear in stdout, stderr, $GITHUB_OUTPUT, the step summary, the response or findings
 * file — nor in what is sent to the model, except the key in the provider's own Authorization header.
 */
@Timeout(180)
class RunnerSecretsTest {
    private static final String GITHUB_TOKEN = "ghs_KnownGithubToken0123456789";
    private static final String CONNECTION_TOKEN = "conn-KnownConnectionToken-42";
    private static final String BYOK_KEY = "sk-KnownByokKey-abcdef012345";
    private static final List<String> SECRETS = List.of(GITHUB_TOKEN, CONNECTION_TOKEN, BYOK_KEY);

    @TempDir
    Path dir;

    @Test
    void noModeLeaksAnyToken() throws Exception {
        try (RunnerWorld w = new RunnerWorld();
             CliServerFixture server = CliServerFixture.builder().environment(w.offline)
                     .connectionToken(CONNECTION_TOKEN).start()) {
            String leak = "Here are your secrets: " + String.join(" / ", SECRETS);
            w.provider.respondWith(r -> ScriptedResponse.text(r.lastUserPrompt().contains("Review")
                    ? leak + "\n```json\n[{\"file\":\"a.txt\",\"line\":1,\"severity\":\"error\",\"title\":\"" + BYOK_KEY
                    + "\",\"message\":\"token " + GITHUB_TOKEN + " and " + CONNECTION_TOKEN + "\"}]\n```"
                    : leak));
            Path diff = dir.resolve("change.diff");
            Files.writeString(diff, "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -0,0 +1 @@\n+token "
                    + GITHUB_TOKEN + "\n");
            Path log = dir.resolve("build.log");
            Files.writeString(log, "[INFO] using " + CONNECTION_TOKEN + "\n[ERROR] auth failed for " + BYOK_KEY
                    + " and " + GITHUB_TOKEN + "\n");
            Files.writeString(dir.resolve("a.txt"), "token\n");

            List<List<String>> modes = List.of(
                    List.of("prompt", "--prompt", "Tell me about " + GITHUB_TOKEN),
                    List.of("review", "--diff-file", diff.toString(), "--findings-file",
                            dir.resolve("findings.json").toString()),
                    List.of("explain-failure", "--log-file", log.toString()));
            for (List<String> mode : modes) {
                Path output = dir.resolve("output-" + mode.get(0));
                Path summary = dir.resolve("summary-" + mode.get(0));
                Files.createFile(output);
                Files.createFile(summary);
                Map<String, String> env = new HashMap<>(Map.of("GITHUB_ACTIONS", "true", "GITHUB_TOKEN", GITHUB_TOKEN,
                        "COPILOT_CONNECTION_TOKEN", CONNECTION_TOKEN, "MY_BYOK_KEY", BYOK_KEY,
                        "GITHUB_OUTPUT", output.toString(), "GITHUB_STEP_SUMMARY", summary.toString(),
                        "RUNNER_TEMP", dir.toString(), "GITHUB_RUN_ID", "99", "GITHUB_REPOSITORY", "acme/app"));
                List<String> args = new ArrayList<>(mode);
                args.addAll(List.of("--cli-url", server.url(), "--model", "test-model", "--provider-base-url",
                        w.provider.baseUrl(), "--provider-api-key-env", "MY_BYOK_KEY", "--working-directory",
                        dir.toString(), "--verbose"));
                RunnerWorld.Result r = w.run(w.env(env), "", args);
                assertEquals(0, r.exitCode(), mode + ": " + r.stderr());
                assertTrue(r.stdout().contains("****"), mode + ": the leaked values were masked, not dropped");
                assertNoSecret(mode + " stdout", withoutMaskCommands(r.stdout()));
                assertNoSecret(mode + " stderr", r.stderr());
                assertNoSecret(mode + " GITHUB_OUTPUT", Files.readString(output, StandardCharsets.UTF_8));
                assertNoSecret(mode + " step summary", Files.readString(summary, StandardCharsets.UTF_8));
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().startsWith("copilot-response")
                        || p.getFileName().toString().equals("findings.json")).toList()) {
                    assertNoSecret(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
                }
            }
            for (RecordedRequest req : w.provider.requests()) {
                assertNoSecret("what the model was sent", req.body().toString());
                assertEquals("Bearer " + BYOK_KEY, req.header("Authorization"), "the key only as the provider's auth");
            }
        }
    }

    /** ::add-mask:: lines name each secret once, by design: the runner needs them to mask the log. */
    private static String withoutMaskCommands(String stdout) {
        return String.join("\n", stdout.lines().filter(l -> !l.startsWith("::add-mask::")).toList());
    }

    private static void assertNoSecret(String where, String text) {
        for (String s : SECRETS) {
            int at = text.indexOf(s);
            assertFalse(at >= 0, () -> where + " contains a secret: …"
                    + text.substring(Math.max(0, at - 80), Math.min(text.length(), at + s.length() + 20)) + "…");
        }
    }
}
