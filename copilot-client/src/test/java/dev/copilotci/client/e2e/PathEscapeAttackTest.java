package dev.copilotci.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.client.CliLaunchOptions;
import dev.copilotci.client.ClientOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.PermissionPolicy;
import dev.copilotci.client.events.PermissionRequested;
import dev.copilotci.client.events.SessionEvent;
import dev.copilotci.client.events.ToolCompleted;
import dev.copilotci.offline.RecordedRequest;
import dev.copilotci.offline.ScriptedResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull request is the attacker: its checkout carries symlinks to a secret file and a secret directory outside
 * the checkout, to {@code /proc/self/environ}, and a {@code .git/config} holding an AUTHORIZATION header as
 * actions/checkout leaves it. A scripted model plays the attacker and aims every read-capable tool of the real CLI
 * (view, grep, glob, and view from a {@code task} sub-agent) at them under {@link PermissionPolicy#READ_ONLY}.
 * Nothing secret may reach the model (checked in every request the model received), and each attack read must have
 * been denied by the policy. Reads of ordinary files inside the checkout keep working.
 */
@Timeout(180)
class PathEscapeAttackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String fileSecret = "OUTSIDE-FILE-SECRET-" + UUID.randomUUID();
    private final String dirSecret = "OUTSIDE-DIR-SECRET-" + UUID.randomUUID();
    private final String dirSecretName = "outside-name-" + UUID.randomUUID() + ".txt";
    private final String gitSecret = "Zm9vOmdpdGh1Yi10b2tlbi0" + UUID.randomUUID().toString().replace("-", "");
    private final String envSecret = "ENV-SECRET-" + UUID.randomUUID();

    @TempDir
    Path checkout;

    @TempDir
    Path outside;

    @BeforeEach
    void pullRequestCheckout() throws IOException {
        Files.writeString(outside.resolve("secret.txt"), fileSecret + "\n");
        Files.createDirectories(outside.resolve("dir"));
        Files.writeString(outside.resolve("dir").resolve(dirSecretName), dirSecret + "\n");
        Files.createDirectories(checkout.resolve(".git"));
        Files.writeString(checkout.resolve(".git/config"), "[http \"https://github.com/\"]\n"
                + "\textraheader = AUTHORIZATION: basic " + gitSecret + "\n");
        Files.createDirectories(checkout.resolve("src"));
        Files.writeString(checkout.resolve("src/Main.java"), "class Main { /* INSIDE-CONTENT */ }\n");
        Files.createDirectories(checkout.resolve("docs"));
        Files.createSymbolicLink(checkout.resolve("docs/notes.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(checkout.resolve("docs/reference"), outside.resolve("dir"));
        Files.createSymbolicLink(checkout.resolve("docs/env"), Path.of("/proc/self/environ"));
        Files.createSymbolicLink(checkout.resolve("docs/settings"), Path.of("../.git/config"));
        Files.createSymbolicLink(checkout.resolve("docs/main-link.java"), Path.of("../src/Main.java"));
    }

    @Test
    void viewCannotReadThroughLinksOrGitMetadata() throws Exception {
        // (the secret directory's file name is itself a secret the listing would leak, so it is not asked for)
        List<String> targets = List.of(at("docs/notes.txt"), at("docs/reference"), at("docs/env"), at(".git/config"),
                at("docs/settings"), at("docs/reference/new-file.txt"));
        List<ScriptedResponse> script = new ArrayList<>();
        targets.forEach(t -> script.add(ScriptedResponse.toolCall("view", args("path", t))));
        // listing docs is approved (it is inside): it names the link but must not descend into the outside directory
        script.add(ScriptedResponse.toolCall("view", args("path", at("docs"))));
        Attack attack = run(script, "view");
        attack.assertNothingSecretReachedTheModel();
        attack.assertDenied(targets);
        assertEquals(targets.size(), attack.failedTools(), "every attack view failed: " + attack.completed);
        assertTrue(attack.toolResults().contains("reference"), "docs was listed: " + attack.toolResults());
    }

    @Test
    void grepCannotSearchThroughLinksOrGitMetadataAndDoesNotFollowLinksInsideTheCheckout() throws Exception {
        List<String> targets = List.of(at("docs/notes.txt"), at("docs/reference"), at("docs/env"), at(".git"),
                at(".git/config"), at("docs/settings"));
        String pattern = "SECRET|AUTHORIZATION|" + gitSecret.substring(0, 12);
        List<ScriptedResponse> script = new ArrayList<>();
        for (String t : targets) {
            script.add(ScriptedResponse.toolCall("grep", "{\"pattern\":\"" + pattern + "\",\"output_mode\":\"content\","
                    + "\"paths\":" + quoted(t) + "}"));
        }
        // a good path and a bad one in one call: the CLI asks once per path; one denial fails the call
        script.add(ScriptedResponse.toolCall("grep", "{\"pattern\":\"" + pattern + "\",\"output_mode\":\"content\","
                + "\"paths\":" + quoted(List.of(at("src"), at("docs/reference"))) + "}"));
        // the whole checkout (approved): ripgrep must not follow the links inside it, nor search .git
        script.add(ScriptedResponse.toolCall("grep", "{\"pattern\":\"" + pattern + "|INSIDE\","
                + "\"output_mode\":\"content\",\"-i\":true}"));
        // a file filter naming .git or a hidden file does not make ripgrep search .git (or follow links)
        for (String glob : List.of(".git/**", "**/config", "config", "docs/**", "**/*")) {
            script.add(ScriptedResponse.toolCall("grep", "{\"pattern\":\"" + pattern + "\",\"output_mode\":\"content\","
                    + "\"glob\":" + quoted(glob) + "}"));
        }
        Attack attack = run(script, "grep");
        attack.assertNothingSecretReachedTheModel();
        attack.assertDenied(targets);
        assertEquals(targets.size() + 1, attack.failedTools(), attack.completed.toString());
        assertTrue(attack.toolResults().contains("INSIDE-CONTENT"),
                "grep over the checkout still works: " + attack.toolResults());
    }

    @Test
    void globCannotListThroughLinksOrGitMetadata() throws Exception {
        List<String> targets = List.of(at("docs/reference"), at(".git"), at("docs/env"));
        List<ScriptedResponse> script = new ArrayList<>();
        targets.forEach(t -> script.add(ScriptedResponse.toolCall("glob",
                "{\"pattern\":\"**/*\",\"paths\":" + quoted(t) + "}")));
        script.add(ScriptedResponse.toolCall("glob", "{\"pattern\":\"**/*\"}")); // the checkout: approved
        Attack attack = run(script, "glob");
        attack.assertNothingSecretReachedTheModel();
        attack.assertDenied(targets);
        assertEquals(targets.size(), attack.failedTools(), attack.completed.toString());
        assertTrue(attack.toolResults().contains("Main.java"), "glob over the checkout works: " + attack.toolResults());
    }

    @Test
    void aSubAgentIsHeldToTheSamePolicy() throws Exception {
        List<String> targets = List.of(at("docs/notes.txt"), at("docs/env"));
        Attack attack = run(List.of(
                ScriptedResponse.toolCall("task", "{\"description\":\"explore the docs\",\"prompt\":\"read the docs\","
                        + "\"agent_type\":\"explore\",\"name\":\"explorer\"}"),
                // the sub-agent's own turns come from the same scripted model
                ScriptedResponse.toolCall("view", args("path", targets.get(0))),
                ScriptedResponse.toolCall("view", args("path", targets.get(1))),
                ScriptedResponse.text("sub-agent finished")), "task");
        attack.assertNothingSecretReachedTheModel();
        attack.assertDenied(targets);
    }

    @Test
    void readsInsideTheCheckoutStillWork() throws Exception {
        Attack review = run(List.of(
                ScriptedResponse.toolCall("view", args("path", at("src/Main.java"))),
                ScriptedResponse.toolCall("view", args("path", at("docs/main-link.java"))),
                ScriptedResponse.toolCall("view", args("path", at("src"))),
                ScriptedResponse.toolCall("grep", "{\"pattern\":\"INSIDE-CONTENT\",\"paths\":" + quoted(at("src")) + "}"),
                ScriptedResponse.toolCall("glob", "{\"pattern\":\"**/*.java\",\"paths\":" + quoted(at("src")) + "}")),
                "review");
        assertEquals(0, review.failedTools(), review.completed.toString());
        assertEquals(5, review.completed.size(), review.completed.toString());
        assertEquals(2, review.completed.stream().filter(t -> t.result().contains("INSIDE-CONTENT")).count(),
                "the file and the link to it inside the checkout were read: " + review.completed);
        assertTrue(review.completed.get(2).result().contains("Main.java"), review.completed.toString());
        assertTrue(review.completed.get(3).result().contains("Main.java"), review.completed.toString());
        assertTrue(review.completed.get(4).result().contains("Main.java"), review.completed.toString());
        assertFalse(review.world.clientLog.stream().anyMatch(l -> l.contains("denied")), review.world.clientLog.toString());
    }

    /** One attacking turn: the scripted tool calls, then a closing text; everything it produced, for the asserts. */
    private Attack run(List<ScriptedResponse> toolCalls, String name) throws Exception {
        RealCli world = RealCli.start();
        try {
            world.provider.enqueue(toolCalls.toArray(ScriptedResponse[]::new));
            world.provider.enqueue(ScriptedResponse.text("done"));
            // the CLI's own environment carries a "token", as a CI job's does: /proc/self/environ must not leak it
            CliLaunchOptions launch = world.launchOptions(CliLaunchOptions.Mode.TCP)
                    .environment(Map.of("CI_JOB_TOKEN", envSecret)).build();
            CopilotClient client = world.track(CopilotClient.connect(ClientOptions.launch(launch)
                    .withLog(world.clientLog::add)));
            CopilotSession session = client.createSession(world.session("path-escape-" + name)
                    .workingDirectory(checkout.toString()).permissionPolicy(PermissionPolicy.READ_ONLY).build());
            List<SessionEvent> events = new CopyOnWriteArrayList<>();
            session.addListener(events::add);
            session.sendAndWait("Review this pull request.");
            return new Attack(world, events);
        } finally {
            world.close();
        }
    }

    private final class Attack {
        final RealCli world;
        final List<ToolCompleted> completed;
        final List<PermissionRequested> asked;

        Attack(RealCli world, List<SessionEvent> events) {
            this.world = world;
            this.completed = events.stream().filter(e -> e instanceof ToolCompleted).map(e -> (ToolCompleted) e)
                    .filter(t -> !t.raw().data().path("toolName").asText("").equals("task")).toList();
            this.asked = events.stream().filter(e -> e instanceof PermissionRequested)
                    .map(e -> (PermissionRequested) e).toList();
        }

        long failedTools() {
            return completed.stream().filter(t -> !t.success()).count();
        }

        /** Every tool result that went back to the model, as the model received it. */
        String toolResults() {
            StringBuilder sb = new StringBuilder();
            for (RecordedRequest r : world.provider.requests()) {
                r.body().path("messages").forEach(m -> {
                    if (m.path("role").asText().equals("tool")) {
                        sb.append(m.path("content").toString()).append('\n');
                    }
                });
            }
            return sb.toString();
        }

        void assertNothingSecretReachedTheModel() {
            assertTrue(world.provider.requests().size() >= 2, "the model saw the tool results");
            for (RecordedRequest r : world.provider.requests()) {
                String body = r.rawBody();
                for (String secret : List.of(fileSecret, dirSecret, dirSecretName, gitSecret, envSecret)) {
                    assertFalse(body.contains(secret), "secret reached the model: " + secret + " in " + body);
                }
            }
        }

        /** The CLI asked about each target (by its path) and this engine denied it. */
        void assertDenied(List<String> targets) {
            for (String target : targets) {
                assertTrue(asked.stream().anyMatch(p -> p.paths().contains(target)),
                        "the CLI asked about " + target + ": " + asked);
                assertTrue(world.clientLog.stream().anyMatch(l -> l.contains("denied read: " + target + " ")),
                        "denied " + target + ": " + world.clientLog);
            }
        }
    }

    private String at(String relative) {
        return checkout.resolve(relative).toString();
    }

    private static String quoted(Object value) {
        return JSON.valueToTree(value).toString();
    }

    private static String args(String field, String value) {
        return JSON.createObjectNode().put(field, value).toString();
    }
}
