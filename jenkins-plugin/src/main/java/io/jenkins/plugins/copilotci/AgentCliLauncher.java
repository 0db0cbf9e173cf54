package io.jenkins.plugins.copilotci;

import dev.copilotci.client.ServerConnector;
import dev.copilotci.client.rpc.StreamTransport;
import dev.copilotci.client.rpc.Transport;
import dev.copilotci.client.tasks.SecretMasker;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts {@code copilot --headless --stdio} on the build's agent through the {@link Launcher} (so it runs next to the
 * workspace) and hands its stdio pipes, carried over remoting, to the engine. Framing and parsing stay on the
 * controller. Killing the {@link Proc} ends the CLI and its children on the agent.
 */
final class AgentCliLauncher implements ServerConnector.TransportOpener {
    private final Launcher launcher;
    private final FilePath workspace;
    private final EnvVars buildEnv;
    private final String cliPath;
    private final String githubToken;
    private final SecretMasker masker;
    private final BuildLogWriter log;

    AgentCliLauncher(Launcher launcher, FilePath workspace, EnvVars buildEnv, String cliPath, String githubToken,
                     SecretMasker masker, BuildLogWriter log) {
        this.launcher = launcher;
        this.workspace = workspace;
        this.buildEnv = buildEnv;
        this.cliPath = cliPath == null ? "copilot" : cliPath;
        this.githubToken = githubToken;
        this.masker = masker;
        this.log = log;
    }

    @Override
    public Transport open() throws IOException {
        Map<String, String> env = new HashMap<>(buildEnv == null ? Map.of() : buildEnv);
        env.put("COPILOT_AUTO_UPDATE", "false");
        env.remove("COPILOT_CONNECTION_TOKEN"); // a stdio server rejects any token
        if (githubToken != null) {
            env.put("COPILOT_GITHUB_TOKEN", githubToken); // by environment, never on the command line
        }
        Launcher.ProcStarter starter = launcher.launch()
                .cmds(cliPath, "--headless", "--no-auto-update", "--stdio")
                .envs(env)
                .readStdout()
                .readStderr()
                .writeStdin()
                .quiet(true);
        if (workspace != null) {
            starter = starter.pwd(workspace);
        }
        Proc proc = starter.start();
        drainStderr(proc.getStderr());
        log.line("started " + cliPath + " --headless --stdio on the agent");
        return new StreamTransport(proc.getStdout(), proc.getStdin(), "copilot --stdio on the agent", () -> {
            try {
                proc.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The CLI logs to stderr; keep the pipe flowing and show only lines that report problems. */
    private void drainStderr(InputStream stderr) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.contains("Error") || line.contains("error:") || line.contains("not found")) {
                        log.line("cli: " + masker.mask(line));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "copilot-agent-cli-stderr");
        t.setDaemon(true);
        t.start();
    }
}
