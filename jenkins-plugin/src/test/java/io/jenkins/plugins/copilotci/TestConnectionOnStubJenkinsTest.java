package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.job.ServerProbe;
import dev.copilotci.testsupport.CliServerFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the "Test connection" button reports (the logic behind it; the endpoint needs a running Jenkins). */
@Timeout(60)
class TestConnectionOnStubJenkinsTest {
    @Test
    void reportsVersionAndAuthOrNamesTheFix() throws Exception {
        try (ScriptedCopilot cli = new ScriptedCopilot().connectionToken("tc-token-1").started()) {
            CliServerFixture server = cli.server();
            List<ServerProbe.Health> both = CopilotGlobalConfiguration.checkConnection(
                    List.of("127.0.0.1:1", server.url()), "tc-token-1");
            assertFalse(both.get(0).ok(), "each URL on its own: the dead first one is reported");
            assertTrue(both.get(0).error().contains("connection refused"), both.get(0).error());
            ServerProbe.Health up = both.get(1);
            assertTrue(up.ok(), String.valueOf(up.error()));
            assertEquals("1.0.102", up.version());
            assertEquals(3, up.protocol());
            assertTrue(CopilotGlobalConfiguration.describe(up).startsWith("Connected to 127.0.0.1:" + server.port()
                    + ": Copilot CLI 1.0.102 (protocol 3)"), CopilotGlobalConfiguration.describe(up));
            ServerProbe.Health wrong = CopilotGlobalConfiguration.checkConnection(List.of(server.url()), "nope").get(0);
            assertFalse(wrong.ok());
            assertTrue(wrong.error().contains("rejected the connection token"), wrong.error());
        }
    }
}
