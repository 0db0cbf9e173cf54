package io.jenkins.plugins.copilotci;

import dev.copilotci.client.CliEnvironment;
import dev.copilotci.client.ServerConnector;
import dev.copilotci.client.StreamTransport;
import dev.copilotci.client.Transport;
import dev.copilotci.job.JobOutput;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Starts {@code copilot --headless --stdio} on the build's agent through the {@link Launcher}, next to the workspace,
 * and hands its stdio pipes (carried over remoting) to the engine; framing and parsing stay on the controller.
 *
 * <p>The CLI logs to stderr, and a Launcher-started process on an agent gets stderr merged into stdout, which would
 * corrupt the JSON-RPC frames. So stderr is redirected by a shell wrapper into a file beside the workspace
 * ({@code <workspace>@tmp}), read back (masked) only to explain a failure. The CLI gets an allow-listed environment
 * (no credentials the build bound, nothing else of the agent JVM's environment: started through {@code env -i} on
 * Unix), marked with {@code COPILOT_CI_CLI=<marker>}: {@link Proc#kill()} ends it and its
 * children, and after a controller restart {@code Launcher.kill} finds it by that marker.
 */
final class AgentCliLauncher implements ServerConnector.TransportOpener {
    private static final int DIAGNOSTIC_CHARS = 2000;

    private final Launcher launcher;
    private final FilePath workspace;
    private final EnvVars buildEnv;
    private final String cliPath;
    private final JobOutput output;
    private final String marker = UUID.randomUUID().toString();
    /** The CLI started last, for {@link #endedOnClosedStdin}. */
    private volatile Proc started;
    /** The exit status of a CLI that had already ended when its connection was closed, else {@code null}. */
    private volatile Integer endedBeforeClose;
    private volatile FilePath stderrFile;

    AgentCliLauncher(Launcher launcher, FilePath workspace, EnvVars buildEnv, String cliPath, JobOutput output) {
        this.launcher = launcher;
        this.workspace = workspace;
        this.buildEnv = buildEnv;
        this.cliPath = cliPath == null ? "copilot" : cliPath;
        this.output = output;
    }

    /** The GitHub token the build's environment offers (GH_TOKEN…), for the session, never the CLI's environment. */
    String buildEnvironmentGithubToken() {
        return buildEnv == null ? null : CliEnvironment.githubToken(buildEnv);
    }

    @Override
    public Transport open() throws IOException {
        // Only what the CLI needs: the model's tools must not see what the build bound (withCredentials etc.).
        Map<String, String> env = new TreeMap<>(CliEnvironment.forCli(buildEnv == null ? Map.of() : buildEnv));
        env.put("COPILOT_AUTO_UPDATE", "false");
        env.put("COPILOT_CI_CLI", marker); // marks the process tree for Launcher.kill(Map) after a restart
        cleanUp(); // a reconnect starts a new CLI: its predecessor's log is of no use any more
        stderrFile = stderrFileFor(UUID.randomUUID().toString());
        List<String> command = new ArrayList<>();
        // Case-insensitive, as EnvVars on Windows: an allow-listed PATH must replace the blanked Path, not follow it.
        Map<String, String> overrides = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (launcher.isUnix()) {
            env.put("COPILOT_CI_STDERR", stderrFile == null ? "/dev/null" : stderrFile.getRemote());
            // Core's launcher starts a process from the agent JVM's whole environment with envs() on top, so
            // envs() cannot take anything away: env -i gives the CLI exactly the allow-listed variables.
            command.addAll(List.of("/usr/bin/env", "-i"));
            env.forEach((name, value) -> command.add(name + "=" + value));
            // The path stays a variable of the shell: quotes or backticks in it are never parsed as shell syntax.
            command.addAll(List.of("/bin/sh", "-c", "exec \"$0\" \"$@\" 2>>\"$COPILOT_CI_STDERR\"", cliPath,
                    "--headless", "--no-auto-update", "--stdio"));
            overrides.put("COPILOT_CI_CLI", marker);
        } else {
            env.put("COPILOT_CI_STDERR", stderrFile == null ? "NUL" : stderrFile.getRemote());
            // No env -i on Windows: core removes a variable given the empty value, so every variable of the build's
            // environment that is not allow-listed is blanked. Variables only the agent JVM has (not in the
            // build's environment) still reach the CLI there.
            if (buildEnv != null) {
                buildEnv.keySet().forEach(name -> overrides.put(name, ""));
            }
            overrides.putAll(env);
            // /s: cmd strips exactly the outer quotes, so the quoted path and redirection survive.
            command.addAll(List.of("cmd.exe", "/d", "/s", "/c", "\"\"" + cliPath
                    + "\" --headless --no-auto-update --stdio 2>>\"%COPILOT_CI_STDERR%\"\""));
        }
        // Core's launcher expands $NAME in arguments and in envs() values, and turns $$ into $: escape every $.
        command.replaceAll(AgentCliLauncher::escapeDollars);
        overrides.replaceAll((name, value) -> escapeDollars(value));
        Launcher.ProcStarter starter = launcher.launch()
                .cmds(command)
                .envs(overrides)
                .readStdout()
                .writeStdin()
                .quiet(true);
        if (workspace != null) {
            starter = starter.pwd(workspace);
        }
        Proc proc = starter.start();
        started = proc;
        endedBeforeClose = null;
        return new StreamTransport(proc.getStdout(), proc.getStdin(), "copilot --stdio on the agent", () -> {
            try {
                if (!proc.isAlive()) {
                    endedBeforeClose = proc.join(); // it ended by itself: how is the diagnosis
                }
                proc.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** As {@code $$} for core's {@code Util.replaceMacro}, which the launcher applies to arguments and envs(). */
    static String escapeDollars(String s) {
        return s.replace("$", "$$");
    }

    /** The value of COPILOT_CI_CLI in the CLI's environment. */
    String marker() {
        return marker;
    }

    /**
     * Whether the CLI already ended with status 0 — what it does when its stdin is at end of file. Inside
     * {@code docker.image().inside {}} or {@code agent { docker }} the Docker plugin runs commands with
     * {@code docker exec} <em>without</em> {@code -i}, so a CLI spoken to over stdio there sees end of file at once.
     */
    boolean endedOnClosedStdin() {
        Proc proc = started;
        if (proc == null) {
            return false;
        }
        if (endedBeforeClose != null) {
            return endedBeforeClose == 0;
        }
        try {
            // A CLI at end of file exits within ~0.1 s; give it a bounded moment, never more.
            for (int i = 0; i < 20 && proc.isAlive(); i++) {
                Thread.sleep(50);
            }
            return !proc.isAlive() && proc.join() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the CLI said on stderr (masked, last part), to explain why it could not be reached; "" if nothing. */
    String diagnostics() {
        FilePath file = stderrFile;
        try {
            if (file == null || !file.exists()) {
                return "";
            }
            String text = file.readToString().strip();
            if (text.isEmpty()) {
                return "";
            }
            if (text.length() > DIAGNOSTIC_CHARS) {
                text = "…" + text.substring(text.length() - DIAGNOSTIC_CHARS);
            }
            return " The CLI on the agent (" + cliPath + ") reported: " + output.safe(text);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Removes the stderr file (best effort). */
    void cleanUp() {
        FilePath file = stderrFile;
        if (file != null) {
            try {
                file.delete();
            } catch (IOException ignored) {
                // a leftover log in the workspace's @tmp folder is harmless
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private FilePath stderrFileFor(String id) {
        if (workspace == null || workspace.getParent() == null) {
            return null;
        }
        try {
            FilePath tmp = workspace.getParent().child(workspace.getName() + "@tmp");
            tmp.mkdirs();
            return tmp.child("copilot-cli-" + id + ".log");
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
