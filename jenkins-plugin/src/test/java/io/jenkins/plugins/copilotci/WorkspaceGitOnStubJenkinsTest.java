package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import io.jenkins.plugins.copilotci.StubJenkins.FakeContext;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diff's git runs in the build's environment (what withEnv, a tool installer or sshagent set), like
 * {@code sh 'git diff'} would: the PATH chooses the git binary and GIT_* variables reach it.
 */
@Timeout(30)
class WorkspaceGitOnStubJenkinsTest {
    @Test
    void gitFromTheBuildsPathSeesTheBuildsGitVariables(@TempDir Path tmp) throws Exception {
        // Prints what it was given instead of diffing: which git ran, and with which environment.
        EnvVars env = pathWithGit(tmp.resolve("tool-installer/bin"),
                "echo \"tool git GIT_DIR=$GIT_DIR SSH_AUTH_SOCK=$SSH_AUTH_SOCK args=$*\"");
        env.put("GIT_DIR", tmp.resolve("elsewhere.git").toString());
        env.put("SSH_AUTH_SOCK", "/tmp/agent.sock");

        String diff = WorkspaceGit.diff(stepIn(Files.createDirectories(tmp.resolve("ws")), env), "origin/main");

        assertEquals("tool git GIT_DIR=" + tmp.resolve("elsewhere.git") + " SSH_AUTH_SOCK=/tmp/agent.sock"
                + " args=diff --no-color --no-ext-diff --no-textconv origin/main...HEAD --\n", diff);
    }

    /** A diff git cannot finish (a pathological pull request, a hung filesystem) ends at its deadline, not never. */
    @Test
    void aDiffThatNeverEndsIsStoppedAtItsDeadline(@TempDir Path tmp) throws Exception {
        FakeContext context = stepIn(Files.createDirectories(tmp.resolve("ws")),
                pathWithGit(tmp.resolve("bin"), "exec sleep 120"));

        long start = System.nanoTime();
        AbortException stopped = assertThrows(AbortException.class,
                () -> WorkspaceGit.diff(context, "origin/main", Duration.ofSeconds(1)));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "stopped near its deadline");
        assertTrue(stopped.getMessage().contains("git diff origin/main...HEAD failed"), stopped.getMessage());
    }

    /** The build's environment with a {@code git} in {@code tools} first on its PATH, running {@code script}. */
    private static EnvVars pathWithGit(Path tools, String script) throws Exception {
        assumeTrue(File.pathSeparatorChar == ':', "Unix agent");
        Path fakeGit = Files.createDirectories(tools).resolve("git");
        Files.writeString(fakeGit, "#!/bin/sh\n" + script + "\n");
        assumeTrue(fakeGit.toFile().setExecutable(true));
        EnvVars env = new EnvVars();
        env.put("PATH", tools + File.pathSeparator + System.getenv("PATH"));
        return env;
    }

    /** A step's context in a build with workspace {@code ws} on a local agent, and {@code env} (may be null). */
    static FakeContext stepIn(Path ws, EnvVars env) throws IOException {
        RecordingListener listener = new RecordingListener();
        FakeContext context = new FakeContext(new FakeRun(new FakeJob("team", "app"), 3), listener);
        context.objects.put(Launcher.class, new LocalTestLauncher(listener));
        context.objects.put(FilePath.class, new FilePath(ws.toFile()));
        if (env != null) {
            context.objects.put(EnvVars.class, env);
        }
        return context;
    }
}
