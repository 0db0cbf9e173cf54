package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.copilotci.client.CliLaunchOptions;
import dev.copilotci.client.ServerConnector;
import dev.copilotci.job.JobSession;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the runner starts its own CLI: over stdio, no secret in its environment, the GitHub token per session. */
class RunnerJobSettingsTest {
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin", "GITHUB_TOKEN", "ghs_job",
            "GH_TOKEN", "gho_user", "COPILOT_CONNECTION_TOKEN", "conn-1", "MY_KEY", "sk-1");

    private static RunContext context(String... extra) {
        List<String> args = new ArrayList<>(List.of("prompt", "--prompt", "hi", "--model", "m", "--cli-path",
                "/opt/copilot"));
        args.addAll(List.of(extra));
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        return RunContext.create(RunnerArguments.parse(args.toArray(String[]::new)), ENV, sink, sink,
                new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void ourCliSpeaksStdioAndItsEnvironmentHoldsNoToken() {
        RunContext ctx = context("--provider-base-url", "http://127.0.0.1:9/v1", "--provider-api-key-env", "MY_KEY");
        CliLaunchOptions launch = ((ServerConnector.LaunchCli) JobSession.clientOptions(RunnerJobSettings.of(ctx)).connector())
                .options();
        assertEquals(CliLaunchOptions.Mode.STDIO, launch.mode());
        assertFalse(launch.inheritEnvironment());
        assertEquals(Map.of("PATH", "/usr/bin"), launch.environment());
    }

    @Test
    void withoutByokTheGithubTokenTravelsInTheSessionNotTheEnvironment() {
        RunContext ctx = context();
        CliLaunchOptions launch = ((ServerConnector.LaunchCli) JobSession.clientOptions(RunnerJobSettings.of(ctx)).connector())
                .options();
        assertEquals(Map.of("PATH", "/usr/bin"), launch.environment());
        assertEquals("gho_user", JobSession.sessionConfig(RunnerJobSettings.of(ctx)).gitHubToken(),
                "the CLI's precedence: GH_TOKEN before GITHUB_TOKEN");
        assertNull(JobSession.sessionConfig(RunnerJobSettings.of(context("--provider-base-url",
                "http://127.0.0.1:9/v1")))
                .gitHubToken(), "a BYOK session sends no GitHub token");
    }
}
