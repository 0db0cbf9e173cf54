package dev.copilotci.offline;



import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OfflineCliEnvironmentTest {

    @TempDir
    Path temp;

    @Test
    void setsOfflineProviderModelHomeAndNoAutoUpdate() {
        try (ScriptedModelProvider provider = ScriptedModelProvider.start();
             OfflineCliEnvironment env = OfflineCliEnvironment.create(provider)) {
            Map<String, String> vars = env.env();
            assertEquals("true", vars.get("COPILOT_OFFLINE"));
            assertEquals(provider.baseUrl(), vars.get("COPILOT_PROVIDER_BASE_URL"));
            assertEquals("test-model", vars.get("COPILOT_MODEL"));
            assertEquals("false", vars.get("COPILOT_AUTO_UPDATE"));
            assertEquals(env.copilotHome().toString(), vars.get("COPILOT_HOME"));
            assertTrue(Files.isDirectory(env.copilotHome()));
            assertTrue(Files.isDirectory(Path.of(vars.get("XDG_CACHE_HOME"))));
            assertEquals(provider.baseUrl(), env.providerBaseUrl());
        }
    }

    @Test
    void closeDeletesOnlyItsOwnTemporaryHome() throws Exception {
        OfflineCliEnvironment owned = OfflineCliEnvironment.builder("http://127.0.0.1:9/v1").build();
        Files.createDirectories(owned.copilotHome().resolve("session-state/x"));
        Files.writeString(owned.copilotHome().resolve("session-state/x/events.jsonl"), "{}");
        owned.close();
        assertFalse(Files.exists(owned.copilotHome()));

        Path mine = temp.resolve("home");
        OfflineCliEnvironment given = OfflineCliEnvironment.builder("http://127.0.0.1:9/v1").copilotHome(mine)
                .cacheDir(temp.resolve("cache")).model("m2").put("COPILOT_PROVIDER_MAX_PROMPT_TOKENS", "1000").build();
        given.close();
        assertTrue(Files.isDirectory(mine));
        assertEquals("m2", given.model());
        assertEquals(temp.resolve("cache").toString(), given.env().get("XDG_CACHE_HOME"));
        assertEquals("1000", given.env().get("COPILOT_PROVIDER_MAX_PROMPT_TOKENS"));
    }

    @Test
    void applyToStripsInheritedCredentialsAndSettings() {
        OfflineCliEnvironment env = OfflineCliEnvironment.builder("http://127.0.0.1:9/v1")
                .copilotHome(temp.resolve("h")).cacheDir(temp.resolve("c")).build();
        ProcessBuilder builder = new ProcessBuilder("true");
        Map<String, String> inherited = builder.environment();
        inherited.put("GITHUB_TOKEN", "ghp_secret");
        inherited.put("GH_TOKEN", "secret");
        inherited.put("COPILOT_GITHUB_TOKEN", "secret");
        inherited.put("COPILOT_PROVIDER_API_KEY", "sk-secret");
        inherited.put("COPILOT_ALLOW_ALL", "true");
        inherited.put("https_proxy", "http://proxy:3128");
        inherited.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector");
        inherited.put("KEEP_ME", "yes");

        env.applyTo(builder);

        Map<String, String> result = builder.environment();
        for (String gone : new String[] {"GITHUB_TOKEN", "GH_TOKEN", "COPILOT_GITHUB_TOKEN", "COPILOT_PROVIDER_API_KEY",
                "COPILOT_ALLOW_ALL", "https_proxy", "OTEL_EXPORTER_OTLP_ENDPOINT"}) {
            assertFalse(result.containsKey(gone), gone);
        }
        assertEquals("yes", result.get("KEEP_ME"));
        assertEquals("true", result.get("COPILOT_OFFLINE"));
        assertEquals("http://127.0.0.1:9/v1", result.get("COPILOT_PROVIDER_BASE_URL"));
    }
}
