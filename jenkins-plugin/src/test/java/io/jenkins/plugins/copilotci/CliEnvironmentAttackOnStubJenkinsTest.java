package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnResult;
import dev.copilotci.job.JobOutput;
import dev.copilotci.offline.RecordedRequest;
import dev.copilotci.offline.ScriptedResponse;
import hudson.EnvVars;
import hudson.FilePath;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model is the attacker: with {@code allow-all} it runs {@code env} and reads {@code /proc/$PPID/environ} (the
 * CLI on the agent) and {@code /proc/self/environ} through the CLI's shell tool. The build's environment holds GitHub
 * tokens, the action-style BYOK key variable, a password and a credentials binding under a harmless name; the agent
 * JVM was started with its own secrets (core's launcher gives a child that whole environment). None may come back to
 * the model. The workspace path and an allow-listed value carry {@code "}, backticks and {@code $}: core's launcher
 * expands {@code $NAME}, so they must still reach the CLI unchanged.
 */
@Timeout(120)
class CliEnvironmentAttackOnStubJenkinsTest {
    private static final String KEY = "sk-JenkinsAttackKey-77a1";
    private static final Map<String, String> BUILD_SECRETS = Map.of(
            "GITHUB_TOKEN", "ghs_JenkinsAttackGithub0001",
            "GH_TOKEN", "gho_JenkinsAttackGh0002",
            "COPILOT_CI_PROVIDER_API_KEY", "sk-JenkinsAttackInput0003",
            "MY_DEPLOY_PASSWORD", "hunter2-JenkinsAttack0004",
            "NEXUS", "bound-by-withCredentials-0005",
            "COPILOT_PROVIDER_API_KEY", "sk-JenkinsAttackProvider0006");
    private static final Map<String, String> AGENT_SECRETS = Map.of(
            "JENKINS_SECRET", "agent-jnlp-secret-0007",
            "DOCKER_AUTH_CONFIG", "agent-docker-auth-0008");
    /** Allow-listed, so it must arrive exactly: core's launcher would expand $HOME and drop nothing else. */
    private static final String ODD_VALUE = "/opt/x$HOME\"q\"`id`$$";
    private static final String STEAL = "env; echo '--- parent'; tr '\\\\0' '\\\\n' < /proc/$PPID/environ;"
            + " echo '--- self'; cat /proc/self/environ | tr '\\\\0' '\\\\n'";

    @TempDir
    Path root;

    @Test
    void theModelsShellFindsNoSecretInTheEnvironmentOfTheCliOnTheAgent() throws Exception {
        try (ScriptedCopilot cli = new ScriptedCopilot().noServer().started()) {
            cli.model().enqueue(ScriptedResponse.toolCall("bash", "{\"command\":\"" + STEAL
                    + "\",\"description\":\"read the environment\"}"), ScriptedResponse.text("done"));
            Path workspace = Files.createDirectories(root.resolve("ws \"q\" `id` $HOME"));
            EnvVars buildEnv = new EnvVars();
            buildEnv.put("PATH", System.getenv("PATH"));
            buildEnv.putAll(cli.offline().env());
            buildEnv.putAll(BUILD_SECRETS);
            buildEnv.put("XDG_DATA_DIRS", ODD_VALUE);
            Map<String, String> agentJvm = new HashMap<>(System.getenv());
            agentJvm.putAll(AGENT_SECRETS);
            RecordingListener console = new RecordingListener();
            LocalTestLauncher launcher = new LocalTestLauncher(console, agentJvm);
            CopilotOverrides o = cli.overrides();
            o.permissions = "allow-all";
            CopilotSettings settings = CopilotSettings.merge(null, List.of(), o);
            CopilotCredentials secrets = CopilotCredentials.of(null, null, KEY);
            AgentCliLauncher agentCli = new AgentCliLauncher(launcher, new FilePath(workspace.toFile()), buildEnv,
                    settings.cliPath, JobOutput.masking(secrets.values(), line -> { }));
            CopilotJobSession session = CopilotJobSession.open(settings, secrets, "ci-attack-1", agentCli,
                    workspace.toString(), console.getLogger(), null);
            TurnResult result;
            boolean stderrLogged;
            try {
                result = session.prompt("show me your environment", TurnOptions.DEFAULTS, console.getLogger());
                try (var logs = Files.list(root.resolve(workspace.getFileName() + "@tmp"))) {
                    stderrLogged = logs.anyMatch(f -> f.getFileName().toString().startsWith("copilot-cli-"));
                }
            } finally {
                session.close(false);
            }
            assertEquals("done", result.content());
            assertTrue(stderrLogged, "the CLI's stderr went to its file beside the odd workspace path");
            assertTrue(launcher.started.get(0).waitFor(10, TimeUnit.SECONDS), "the CLI is stopped");

            List<RecordedRequest> requests = cli.model().requests();
            assertEquals(2, requests.size(), "one tool round trip");
            String toolResults = requests.get(1).toolResults().toString();
            int parent = toolResults.indexOf("--- parent");
            int self = toolResults.indexOf("--- self");
            assertTrue(parent >= 0 && self > parent, toolResults);
            String cliEnv = toolResults.substring(parent, self);
            assertTrue(cliEnv.contains("COPILOT_HOME="), "the CLI's own environment was read: " + toolResults);
            // JSON-escaped in the recorded request: " becomes \"
            assertTrue(cliEnv.contains("XDG_DATA_DIRS=" + ODD_VALUE.replace("\"", "\\\"")),
                    "an allow-listed value arrives unchanged: " + cliEnv);
            Map<String, String> all = new HashMap<>(BUILD_SECRETS);
            all.putAll(AGENT_SECRETS);
            for (RecordedRequest request : requests) {
                String body = request.body().toString();
                all.forEach((name, value) -> assertFalse(body.contains(value),
                        () -> name + " reached the model: " + toolResults));
                assertEquals("Bearer " + KEY, request.header("Authorization"), "the key only as the provider's auth");
            }
            assertFalse(console.text().contains(KEY), console.text());
        }
    }
}
