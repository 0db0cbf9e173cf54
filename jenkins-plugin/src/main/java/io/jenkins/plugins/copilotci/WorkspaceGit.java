package io.jenkins.plugins.copilotci;

import dev.copilotci.client.text.UntrustedText;
import dev.copilotci.job.GitCommand;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * {@code git diff <base>...HEAD} in the build's workspace, run on the agent in the build's environment: what
 * {@code withEnv}, tool installers and {@code sshagent} put there (PATH, GIT_DIR, GIT_SSH_COMMAND, SSH_AUTH_SOCK,
 * HOME…) applies to git as it would to an {@code sh 'git diff'}.
 */
final class WorkspaceGit {
    private WorkspaceGit() {
    }

    /** A bound on git diff, as the runner's: a pathological diff or a hung filesystem must not hold the build. */
    static final Duration DIFF_TIMEOUT = Duration.ofSeconds(60);

    static String diff(StepContext context, String base) throws Exception {
        return diff(context, base, DIFF_TIMEOUT);
    }

    static String diff(StepContext context, String base, Duration timeout) throws Exception {
        if (base.startsWith("-")) {
            throw new AbortException(Messages.WorkspaceGit_BaseIsAnOption(base));
        }
        Launcher launcher = context.get(Launcher.class);
        FilePath workspace = context.get(FilePath.class);
        if (launcher == null || workspace == null) {
            throw new AbortException(Messages.WorkspaceGit_NeedsWorkspace());
        }
        EnvVars env = context.get(EnvVars.class);
        WorkspaceFiles.Bounded out = new WorkspaceFiles.Bounded();
        WorkspaceFiles.Bounded err = new WorkspaceFiles.Bounded();
        Launcher.ProcStarter starter = launcher.launch().cmds(command(launcher.isUnix(),
                GitCommand.diffArgs(base + "...HEAD").toArray(String[]::new)));
        if (env != null) {
            starter = starter.envs(env);
        }
        TaskListener listener = context.get(TaskListener.class);
        // Killed at the deadline (said on the listener); the exit code then reports the failure below.
        int code = starter
                .pwd(workspace)
                .stdout(out)
                .stderr(err)
                .quiet(true)
                .start()
                .joinWithTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS,
                        listener == null ? TaskListener.NULL : listener);
        if (code != 0) {
            // The exit code as text: MessageFormat would group a number's digits by locale.
            throw new AbortException(Messages.WorkspaceGit_DiffFailed(base, String.valueOf(code),
                    UntrustedText.singleLine(err.textOnly(), 500)));
        }
        return out.text();
    }

    /** git in the workspace on the agent, output bounded, killed after 60 s (reading instruction files). */
    static GitCommand on(Launcher launcher, FilePath workspace, TaskListener listener) {
        return args -> {
            WorkspaceFiles.Bounded out = new WorkspaceFiles.Bounded();
            WorkspaceFiles.Bounded err = new WorkspaceFiles.Bounded();
            try {
                int code = launcher.launch().cmds(command(launcher.isUnix(), args.toArray(String[]::new)))
                        .pwd(workspace).stdout(out).stderr(err).quiet(true)
                        .start().joinWithTimeout(60, TimeUnit.SECONDS, listener);
                if (code != 0) {
                    throw new IOException("git " + args + " failed (exit " + code + "): "
                            + UntrustedText.singleLine(err.textOnly(), 300));
                }
                return out.textOnly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running git", e);
            }
        };
    }

    /**
     * The agent's JVM looks a bare program name up on its own PATH, not on the PATH handed to the process; on Unix a
     * shell execs git instead, so the build's PATH (a tool installer's or withEnv's git) chooses the binary. The
     * arguments are positional parameters, never parsed by the shell.
     */
    private static List<String> command(boolean unix, String... gitArgs) {
        List<String> cmd = new ArrayList<>();
        if (unix) {
            cmd.addAll(List.of("sh", "-c", "exec git \"$@\"", "git"));
        } else {
            cmd.add("git");
        }
        cmd.addAll(List.of(gitArgs));
        return cmd;
    }
}
