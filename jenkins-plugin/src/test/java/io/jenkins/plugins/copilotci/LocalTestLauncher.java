package io.jenkins.plugins.copilotci;

import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import hudson.remoting.Channel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Launcher for testing our code against our stubs: starts real local processes the way an agent does, including
 * core's quirk that a process whose stdout the caller reads gets stderr merged into stdout unless stderr is
 * redirected. The environment is exactly the ProcStarter's (an isolated agent). Remembers what it started.
 */
final class LocalTestLauncher extends Launcher {
    final List<Process> started = new CopyOnWriteArrayList<>();

    LocalTestLauncher(TaskListener listener) {
        super(listener, null);
    }

    @Override
    public Proc launch(ProcStarter starter) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(starter.cmds());
        pb.environment().clear();
        for (String kv : starter.envs()) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        FilePath pwd = starter.pwd();
        if (pwd != null) {
            pb.directory(new File(pwd.getRemote()));
        }
        if (starter.stderr() == null) {
            pb.redirectErrorStream(true); // as core's LocalProc for readStdout() without an explicit stderr
        }
        Process p = pb.start();
        started.add(p);
        return new LocalProc(p);
    }

    @Override
    public Channel launchChannel(String[] cmd, OutputStream out, FilePath workDir, Map<String, String> envVars) {
        throw new UnsupportedOperationException("not used");
    }

    @Override
    public void kill(Map<String, String> modelEnvVars) {
        started.forEach(Process::destroyForcibly);
    }

    private static final class LocalProc extends Proc {
        private final Process process;

        LocalProc(Process process) {
            this.process = process;
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        @Override
        public int join() throws InterruptedException {
            return process.waitFor();
        }

        @Override
        public InputStream getStdout() {
            return process.getInputStream();
        }

        @Override
        public InputStream getStderr() {
            return process.getErrorStream();
        }

        @Override
        public OutputStream getStdin() {
            return process.getOutputStream();
        }
    }
}
