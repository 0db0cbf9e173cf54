package dev.copilotci.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.client.CliLaunchOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.PermissionPolicy;
import dev.copilotci.client.ToolDefinition;
import dev.copilotci.client.TurnResult;
import dev.copilotci.client.events.SessionEvent;
import dev.copilotci.client.events.ToolCompleted;
import dev.copilotci.offline.ScriptedResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CI permission policy answers every request; custom tools run in this JVM. Real CLI, scripted model. */
@Timeout(120)
class PermissionAndToolsEndToEndTest {
    @TempDir
    Path workspace;

    private TurnResult runShellTool(PermissionPolicy policy, List<SessionEvent> events, RealCli world) {
        world.provider.enqueue(
                ScriptedResponse.toolCall("bash", "{\"command\":\"touch marker.txt\",\"description\":\"make a file\"}"),
                ScriptedResponse.text("finished"));
        CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
        CopilotSession s = client.createSession(world.session("perm-" + policy.cliName())
                .workingDirectory(workspace.toString()).permissionPolicy(policy).build());
        s.addListener(events::add);
        return s.sendAndWait("Create the marker file.");
    }

    @Test
    void denyIsTheDefaultAndRefusesShellWithoutHangingTheTurn() throws Exception {
        try (RealCli world = RealCli.start()) {
            List<SessionEvent> events = new CopyOnWriteArrayList<>();
            TurnResult r = runShellTool(PermissionPolicy.DENY, events, world);
            assertEquals("finished", r.content());
            assertFalse(Files.exists(workspace.resolve("marker.txt")), "shell command must not have run");
            ToolCompleted done = events.stream().filter(e -> e instanceof ToolCompleted).map(e -> (ToolCompleted) e)
                    .findFirst().orElseThrow();
            assertFalse(done.success());
            assertTrue(world.clientLog.stream().anyMatch(l -> l.contains("denied shell") && l.contains("deny")),
                    world.clientLog.toString());
            assertTrue(world.provider.requests().get(1).body().toString().contains("permission policy"),
                    "the model is told why");
        }
    }

    @Test
    void readOnlyRefusesShell() throws Exception {
        try (RealCli world = RealCli.start()) {
            runShellTool(PermissionPolicy.READ_ONLY, new CopyOnWriteArrayList<>(), world);
            assertFalse(Files.exists(workspace.resolve("marker.txt")));
        }
    }

    @Test
    void readOnlyReadsTheWorkspaceButNotTheRestOfTheMachine() throws Exception {
        try (RealCli world = RealCli.start()) {
            Files.writeString(workspace.resolve("inside.txt"), "workspace content");
            world.provider.enqueue(
                    ScriptedResponse.toolCall("view", "{\"path\":\"/proc/self/environ\"}"),
                    ScriptedResponse.toolCall("view", "{\"path\":\"" + workspace.resolve("inside.txt") + "\"}"),
                    ScriptedResponse.text("done"));
            CopilotSession s = world.launchClient(CliLaunchOptions.Mode.TCP).createSession(world.session("read-scope")
                    .workingDirectory(workspace.toString()).permissionPolicy(PermissionPolicy.READ_ONLY).build());
            List<SessionEvent> events = new CopyOnWriteArrayList<>();
            s.addListener(events::add);
            s.sendAndWait("read things");
            List<ToolCompleted> done = events.stream().filter(e -> e instanceof ToolCompleted)
                    .map(e -> (ToolCompleted) e).toList();
            assertEquals(2, done.size(), done.toString());
            assertFalse(done.get(0).success(), "the process environment (tokens) is outside the workspace");
            assertTrue(done.get(1).success() && done.get(1).result().contains("workspace content"), done.toString());
            assertFalse(world.provider.requests().get(1).body().toString().contains("COPILOT_"),
                    "no environment variable reached the model");
        }
    }

    @Test
    void allowAllRunsShell() throws Exception {
        try (RealCli world = RealCli.start()) {
            List<SessionEvent> events = new CopyOnWriteArrayList<>();
            runShellTool(PermissionPolicy.ALLOW_ALL, events, world);
            assertTrue(Files.exists(workspace.resolve("marker.txt")), "shell command ran");
            assertTrue(events.stream().anyMatch(e -> e instanceof ToolCompleted t && t.success()));
        }
    }

    @Test
    void customToolResultsReachTheModelAndHandlerErrorsAreAnswered() throws Exception {
        try (RealCli world = RealCli.start()) {
            AtomicReference<String> seenArgs = new AtomicReference<>();
            ObjectMapper json = new ObjectMapper();
            ToolDefinition buildLog = ToolDefinition.of("get_build_log", "Returns the last lines of the build log",
                    json.readTree("{\"type\":\"object\",\"properties\":{\"lines\":{\"type\":\"integer\"}}}"),
                    args -> {
                        seenArgs.set(args.toString());
                        return "LOG: FooTest failed with NullPointerException";
                    });
            ToolDefinition broken = ToolDefinition.of("get_artifact", "Always fails", null, args -> {
                throw new IllegalStateException("artifact store down");
            });
            world.provider.enqueue(
                    ScriptedResponse.toolCall("get_build_log", "{\"lines\":50}"),
                    ScriptedResponse.toolCall("get_artifact", "{}"),
                    ScriptedResponse.text("FooTest has a null bug."));
            CopilotClient client = world.launchClient(CliLaunchOptions.Mode.TCP);
            CopilotSession s = client.createSession(world.session("tools").tool(buildLog).tool(broken).build());
            List<SessionEvent> events = new CopyOnWriteArrayList<>();
            s.addListener(events::add);

            TurnResult r = s.sendAndWait("Why did it fail?");

            assertEquals("FooTest has a null bug.", r.content());
            assertEquals("{\"lines\":50}", seenArgs.get());
            assertTrue(world.provider.requests().get(1).body().toString()
                    .contains("LOG: FooTest failed with NullPointerException"), "tool result sent to the model");
            List<ToolCompleted> completed = events.stream().filter(e -> e instanceof ToolCompleted)
                    .map(e -> (ToolCompleted) e).toList();
            assertEquals(2, completed.size(), completed.toString());
            assertTrue(completed.get(0).success());
            assertFalse(completed.get(1).success(), "handler exception answered as a failed call");
        }
    }
}
