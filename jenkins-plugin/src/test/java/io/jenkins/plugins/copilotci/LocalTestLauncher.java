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
 * redirected. The environment is exactly the ProcStarter's (an isolated agent). As core's LocalProc, output goes to
 * the ProcStarter's stdout/stderr streams when it names them ({@code join()} returns after they are copied), and is
 * left to the caller ({@code getStdout()}) otherwise. Remembers what it started.
 */
final class LocalTestLauncher extends Launcher {
    final List<Process> started = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> killRequests = new CopyOnWriteArrayList<>();

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
        environments.put(p, Map.copyOf(pb.environment()));
        return new LocalProc(p, starter.stdout(), starter.stderr());
    }

    @Override
    public Channel launchChannel(String[] cmd, OutputStream out, FilePath workDir, Map<String, String> envVars) {
        throw new UnsupportedOperationException("not used");
    }

    /** As core: kills the processes whose environment contains all of {@code modelEnvVars}. */
    @Override
    public void kill(Map<String, String> modelEnvVars) {
        killRequests.add(Map.copyOf(modelEnvVars));
        for (Process p : started) {
            if (environments.getOrDefault(p, Map.of()).entrySet().containsAll(modelEnvVars.entrySet())) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    private final Map<Process, Map<String, String>> environments = new java.util.concurrent.ConcurrentHashMap<>();

    private static final class LocalProc extends Proc {
        private final Process process;
        private final List<Thread> copiers = new CopyOnWriteArrayList<>();

        LocalProc(Process process, OutputStream stdout, OutputStream stderr) {
            this.process = process;
            if (stdout != null) {
                copiers.add(copy(process.getInputStream(), stdout));
            }
            if (stderr != null) {
                copiers.add(copy(process.getErrorStream(), stderr));
            }
        }

        private static Thread copy(InputStream from, OutputStream to) {
            Thread t = new Thread(() -> {
                try (from) {
                    from.transferTo(to);
                    to.flush();
                } catch (IOException e) {
                    // the process was killed: what was copied so far stays
                }
            }, "local-test-launcher-copier");
            t.setDaemon(true);
            t.start();
            return t;
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
            int code = process.waitFor();
            for (Thread t : copiers) {
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
            return code;
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
