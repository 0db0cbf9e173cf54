package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.CopilotAuthenticationException;
import dev.copilotci.client.CopilotConnectionException;
import dev.copilotci.testsupport.CliServerFixture;
import dev.copilotci.offline.OfflineCliEnvironment;
import dev.copilotci.offline.ScriptedModelProvider;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the "Test connection" button reports (the logic behind it; the endpoint needs a running Jenkins). */
@Timeout(60)
class TestConnectionOnStubJenkinsTest {
    @Test
    void reportsVersionAndAuthOrNamesTheFix() throws Exception {
        try (ScriptedModelProvider model = ScriptedModelProvider.start();
             OfflineCliEnvironment offline = OfflineCliEnvironment.create(model);
             CliServerFixture server = CliServerFixture.builder().environment(offline).connectionToken("tc-token-1")
                     .start()) {
            String ok = CopilotGlobalConfiguration.checkConnection(List.of("127.0.0.1:1", server.url()), "tc-token-1");
            assertTrue(ok.startsWith("Connected to 127.0.0.1:" + server.port() + ": Copilot CLI 1.0.102 (protocol 3)"),
                    ok);
            CopilotAuthenticationException wrong = assertThrows(CopilotAuthenticationException.class,
                    () -> CopilotGlobalConfiguration.checkConnection(List.of(server.url()), "nope"));
            assertTrue(wrong.getMessage().contains("rejected the connection token"), wrong.getMessage());
            CopilotConnectionException down = assertThrows(CopilotConnectionException.class,
                    () -> CopilotGlobalConfiguration.checkConnection(List.of("127.0.0.1:1"), null));
            assertTrue(down.getMessage().contains("connection refused"), down.getMessage());
        }
    }
}
