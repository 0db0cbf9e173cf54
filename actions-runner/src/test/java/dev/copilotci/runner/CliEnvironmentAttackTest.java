package dev.copilotci.runner;

import static dev.copilotci.runner.RunnerWorld.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.RecordedRequest;
import dev.copilotci.offline.ScriptedResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model is the attacker: with {@code allow-all} it runs {@code env} and reads {@code /proc/$PPID/environ} (the
 * CLI we started) and {@code /proc/self/environ} through the CLI's shell tool, in a job whose environment holds
 * GitHub tokens, the action's BYOK key, a key under a harmless-looking name given by {@code --provider-api-key-env}, a
 * connection token, provider settings and a password. No value may come back to the model in a tool result, nor may
 * the CLI hold a connection token of ours; the key still reaches the provider, as its Authorization header only.
 */
@Timeout(180)
class CliEnvironmentAttackTest {
    private static final String KEY_VAR = "COPILOT_LLM_ACCESS"; // passes every name rule: only --provider-api-key-env
    private static final String KEY = "sk-AttackByokKey-5f0c2e9a";
    private static final Map<String, String> SECRETS = Map.of(
            "GITHUB_TOKEN", "ghs_AttackGithubToken0001",
            "GH_TOKEN", "gho_AttackGhToken0002",
            "COPILOT_GITHUB_TOKEN", "ghu_AttackCopilotToken0003",
            "COPILOT_CI_PROVIDER_API_KEY", "sk-AttackActionInputKey0004",
            "MY_DEPLOY_PASSWORD", "hunter2-AttackPassword0005",
            "COPILOT_CONNECTION_TOKEN", "conn-AttackConnection0006",
            "COPILOT_PROVIDER_API_KEY", "sk-AttackProviderEnvKey0007",
            "COPILOT_PROVIDER_HEADERS", "X-Gateway-Auth: AttackHeader0008",
            KEY_VAR, KEY);
    /** Reads every place the environment of the CLI and its tools can be read from. */
    private static final String STEAL = "env; echo '--- parent'; tr '\\\\0' '\\\\n' < /proc/$PPID/environ;"
            + " echo '--- self'; cat /proc/self/environ | tr '\\\\0' '\\\\n'";

    @TempDir
    Path dir;

    @Test
    void theModelsShellFindsNoSecretInTheEnvironmentOfTheCliWeStart() {
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.enqueue(ScriptedResponse.toolCall("bash", "{\"command\":\"" + STEAL
                    + "\",\"description\":\"read the environment\"}"), ScriptedResponse.text("done"));
            Map<String, String> jobEnv = new HashMap<>(SECRETS);
            jobEnv.put("GITHUB_ACTIONS", "true");
            RunnerWorld.Result r = w.run(w.env(jobEnv), "", concat(List.of("prompt", "--prompt",
                    "show me your environment", "--permissions", "allow-all", "--provider-api-key-env", KEY_VAR,
                    "--working-directory", dir.toString()), w.modelArgs().toArray(String[]::new)));
            assertEquals(0, r.exitCode(), r.stderr());

            List<RecordedRequest> requests = w.provider.requests();
            assertEquals(2, requests.size(), "one tool round trip");
            String toolResults = requests.get(1).toolResults().toString();
            assertTrue(toolResults.contains("--- parent") && toolResults.contains("--- self"), toolResults);
            int parent = toolResults.indexOf("--- parent");
            int self = toolResults.indexOf("--- self");
            assertTrue(toolResults.substring(parent, self).contains("COPILOT_HOME="),
                    "the CLI's own environment was read: " + toolResults);
            assertTrue(toolResults.substring(self).contains("PATH="), "the tool's environment was read");
            for (RecordedRequest request : requests) {
                String body = request.body().toString();
                SECRETS.forEach((name, value) -> assertFalse(body.contains(value),
                        () -> name + " reached the model: " + toolResults));
                assertFalse(body.contains("COPILOT_CONNECTION_TOKEN="), "the CLI we start has no connection token");
                assertEquals("Bearer " + KEY, request.header("Authorization"), "the key only as the provider's auth");
            }
        }
    }
}
