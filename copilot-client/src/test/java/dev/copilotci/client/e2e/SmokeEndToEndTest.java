package dev.copilotci.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.CliLaunchOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.TurnResult;
import dev.copilotci.testsupport.ScriptedResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class SmokeEndToEndTest {
    @Test
    void launchedCliAnswersAPrompt() throws Exception {
        try (RealCli world = RealCli.start()) {
            world.provider.enqueue(ScriptedResponse.text("The build failed because of a missing semicolon."));
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            CopilotSession session = client.createSession(world.session("smoke-1").build());
            TurnResult r = session.sendAndWait("Why did the build fail?");
            System.out.println(r);
            System.out.println(world.clientLog);
            assertEquals("The build failed because of a missing semicolon.", r.content());
            assertTrue(world.provider.requests().get(0).lastUserMessage().contains("Why did the build fail?"));
        }
    }
}
