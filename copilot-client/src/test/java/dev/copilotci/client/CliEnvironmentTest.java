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
                "NEXUS", "bound-credential", "AWS_ACCESS_KEY_ID", "AKIA"));
        assertEquals(Map.of("PATH", "/usr/bin", "HOME", "/home/ci", "COPILOT_HOME", "/tmp/h", "LANG", "C.UTF-8"), env);
    }

    @Test
    void dropsEveryNameThatLooksSecretEvenOnTheAllowList() {
        for (String name : List.of("COPILOT_CONNECTION_TOKEN", "COPILOT_SOME_KEY", "COPILOT_DB_SECRET",
                "copilot_password", "COPILOT_CREDENTIALS", "XDG_TOKEN_DIR", "LC_KEYBOARD")) {
            assertFalse(CliEnvironment.forCli(job(name, "s3cret")).containsKey(name), name);
        }
    }

    @Test
    void dropsTheActionsInputsAndTheProviderSettings() {
        for (String name : List.of("COPILOT_CI_PROVIDER_API_KEY", "COPILOT_CI_MODEL", "COPILOT_PROVIDER_API_KEY",
                "COPILOT_PROVIDER_API_KEY_COMMAND", "COPILOT_PROVIDER_HEADERS", "COPILOT_PROVIDER_BEARER_TOKEN",
                "COPILOT_PROVIDER_BASE_URL")) {
            assertFalse(CliEnvironment.forCli(job(name, "x")).containsKey(name), name);
        }
    }

    @Test
    void dropsTheNamesTheCallerSaysAreSecret() {
        Map<String, String> env = CliEnvironment.forCli(job("COPILOT_LLM_ACCESS", "sk-1", "COPILOT_MODEL", "m"),
                List.of("copilot_llm_access"));
        assertEquals(Map.of("PATH", "/usr/bin", "HOME", "/home/ci", "COPILOT_MODEL", "m"), env);
    }

    @Test
    void offlineKeepsAPlainProviderBaseUrlOnly() {
        String plain = "http://127.0.0.1:9/v1";
        assertEquals(plain, CliEnvironment.forCli(job("COPILOT_OFFLINE", "true", "COPILOT_PROVIDER_BASE_URL", plain))
                .get("COPILOT_PROVIDER_BASE_URL"));
        for (String url : List.of("http://user:pw@127.0.0.1:9/v1", "http://127.0.0.1:9/v1?key=sk-1")) {
            assertFalse(CliEnvironment.forCli(job("COPILOT_OFFLINE", "true", "COPILOT_PROVIDER_BASE_URL", url))
                    .containsKey("COPILOT_PROVIDER_BASE_URL"), url);
        }
    }

    @Test
    void noGithubTokenEverReachesTheCliItTravelsPerSession() {
        Map<String, String> jobEnv = job("GITHUB_TOKEN", "ghs_1", "GH_TOKEN", "gho_2", "COPILOT_GITHUB_TOKEN", "ghu_3");
        assertEquals(job(), CliEnvironment.forCli(jobEnv));
        assertEquals("ghu_3", CliEnvironment.githubToken(jobEnv), "the CLI's precedence: COPILOT_GITHUB_TOKEN first");
        assertEquals("gho_2", CliEnvironment.githubToken(job("GITHUB_TOKEN", "ghs_1", "GH_TOKEN", "gho_2")));
        assertEquals("ghs_1", CliEnvironment.githubToken(job("GITHUB_TOKEN", "ghs_1", "GH_TOKEN", " ")));
        assertNull(CliEnvironment.githubToken(job()));
    }
}
