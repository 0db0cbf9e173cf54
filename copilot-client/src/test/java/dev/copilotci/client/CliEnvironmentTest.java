package dev.copilotci.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allow-list and its three deny rules, one variable at a time; the attack tests run the real CLI. */
class CliEnvironmentTest {
    private static Map<String, String> job(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin", "HOME", "/home/ci"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void keepsWhatTheCliNeedsAndNothingElse() {
        Map<String, String> env = CliEnvironment.forCli(job("COPILOT_HOME", "/tmp/h", "LANG", "C.UTF-8",
                "NEXUS", "bound-credential", "AWS_ACCESS_KEY_ID", "AKIA"), true, null);
        assertEquals(Map.of("PATH", "/usr/bin", "HOME", "/home/ci", "COPILOT_HOME", "/tmp/h", "LANG", "C.UTF-8"), env);
    }

    @Test
    void dropsEveryNameThatLooksSecretEvenOnTheAllowList() {
        for (String name : List.of("COPILOT_CONNECTION_TOKEN", "COPILOT_SOME_KEY", "COPILOT_DB_SECRET",
                "copilot_password", "COPILOT_CREDENTIALS", "XDG_TOKEN_DIR", "LC_KEYBOARD")) {
            assertFalse(CliEnvironment.forCli(job(name, "s3cret"), true, null).containsKey(name), name);
        }
    }

    @Test
    void dropsTheActionsInputsAndTheProviderSettings() {
        for (String name : List.of("COPILOT_CI_PROVIDER_API_KEY", "COPILOT_CI_MODEL", "COPILOT_PROVIDER_API_KEY",
                "COPILOT_PROVIDER_API_KEY_COMMAND", "COPILOT_PROVIDER_HEADERS", "COPILOT_PROVIDER_BEARER_TOKEN",
                "COPILOT_PROVIDER_BASE_URL")) {
            assertFalse(CliEnvironment.forCli(job(name, "x"), true, null).containsKey(name), name);
        }
    }

    @Test
    void dropsTheNamesTheCallerSaysAreSecret() {
        Map<String, String> env = CliEnvironment.forCli(job("COPILOT_LLM_ACCESS", "sk-1", "GH_TOKEN", "gho_1"),
                false, null, List.of("copilot_llm_access", "GH_TOKEN"));
        assertFalse(env.containsKey("COPILOT_LLM_ACCESS"));
        assertNull(env.get("COPILOT_GITHUB_TOKEN"), "a token named secret by the caller is not passed on either");
    }

    @Test
    void offlineKeepsAPlainProviderBaseUrlOnly() {
        String plain = "http://127.0.0.1:9/v1";
        assertEquals(plain, CliEnvironment.forCli(job("COPILOT_OFFLINE", "true", "COPILOT_PROVIDER_BASE_URL", plain),
                true, null).get("COPILOT_PROVIDER_BASE_URL"));
        for (String url : List.of("http://user:pw@127.0.0.1:9/v1", "http://127.0.0.1:9/v1?key=sk-1")) {
            assertFalse(CliEnvironment.forCli(job("COPILOT_OFFLINE", "true", "COPILOT_PROVIDER_BASE_URL", url),
                    true, null).containsKey("COPILOT_PROVIDER_BASE_URL"), url);
        }
    }

    @Test
    void theGithubTokenOnlyWithoutByokAndOnlyAsCopilotGithubToken() {
        Map<String, String> jobEnv = job("GITHUB_TOKEN", "ghs_1", "GH_TOKEN", "gho_2");
        assertEquals("gho_2", CliEnvironment.forCli(jobEnv, false, null).get("COPILOT_GITHUB_TOKEN"),
                "the CLI's precedence: GH_TOKEN before GITHUB_TOKEN");
        assertEquals("ghp_given", CliEnvironment.forCli(jobEnv, false, "ghp_given").get("COPILOT_GITHUB_TOKEN"));
        Map<String, String> byok = CliEnvironment.forCli(jobEnv, true, "ghp_given");
        assertFalse(byok.containsKey("COPILOT_GITHUB_TOKEN") || byok.containsKey("GITHUB_TOKEN")
                || byok.containsKey("GH_TOKEN"), byok.toString());
    }
}
