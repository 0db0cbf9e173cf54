package io.jenkins.plugins.copilotci;

import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import dev.copilotci.client.text.UntrustedText;
import dev.copilotci.job.GitCommand;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** {@code git diff <base>...HEAD} in the build's workspace, run on the agent. */
final class WorkspaceGit {
    private WorkspaceGit() {
    }

    static String diff(StepContext context, String base) throws Exception {
        if (base.startsWith("-")) {
            throw new AbortException("Copilot: the diff base must be a git ref, not an option: '" + base + "'");
        }
        Launcher launcher = context.get(Launcher.class);
        FilePath workspace = context.get(FilePath.class);
        if (launcher == null || workspace == null) {
            throw new AbortException("Copilot: a diff needs the workspace: call the step inside node { }");
        }
        WorkspaceFiles.Bounded out = new WorkspaceFiles.Bounded();
        WorkspaceFiles.Bounded err = new WorkspaceFiles.Bounded();
        int code = launcher.launch()
                .cmds("git", "diff", "--no-color", "--no-ext-diff", base + "...HEAD", "--")
                .pwd(workspace)
                .stdout(out)
                .stderr(err)
                .quiet(true)
                .join();
        if (code != 0) {
            throw new AbortException("Copilot: git diff " + base + "...HEAD failed (exit " + code + "): "
                    + UntrustedText.singleLine(err.textOnly(), 500) + ". Fetch the base branch first"
                    + " (e.g. git fetch origin main) or pass another base.");
        }
        return out.text();
    }

    /** git in the workspace on the agent, output bounded, killed after 60 s (reading instruction files). */
    static GitCommand on(Launcher launcher, FilePath workspace, TaskListener listener) {
        return args -> {
            List<String> command = new ArrayList<>();
            command.add("git");
            command.addAll(args);
            WorkspaceFiles.Bounded out = new WorkspaceFiles.Bounded();
            WorkspaceFiles.Bounded err = new WorkspaceFiles.Bounded();
            try {
                int code = launcher.launch().cmds(command).pwd(workspace).stdout(out).stderr(err).quiet(true)
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
}
