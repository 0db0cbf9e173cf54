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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Launcher for testing our code against our stubs: starts real local processes the way an agent does, including
 * core's quirk that a process whose stdout the caller reads gets stderr merged into stdout unless stderr is
 * redirected. The environment is built as core's {@code Launcher.LocalLauncher} builds it: the agent JVM's whole
 * environment with the ProcStarter's {@code envs()} layered on top (a variable given the empty value is removed),
 * and {@code $NAME}/{@code ${NAME}} of that environment expanded in arguments and in the layered values ({@code $$}
 * gives {@code $}, unknown names stay). Remembers what it started.
 */
final class LocalTestLauncher extends Launcher {
    /** Core's {@code Util.replaceMacro} pattern: $NAME, ${NAME} or $$. */
    private static final Pattern MACRO = Pattern.compile("\\$([A-Za-z0-9_]+|\\{[A-Za-z0-9_.]+\\}|\\$)");

    final List<Process> started = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> killRequests = new CopyOnWriteArrayList<>();
    private final Map<String, String> agentEnvironment;
    /**
     * As docker-workflow's {@code docker exec} without {@code -i}: the child's stdin is at end of file at once, and
     * what the caller writes to it goes nowhere.
     */
    volatile boolean stdinClosed;

    /** An agent whose JVM has this test JVM's environment. */
    LocalTestLauncher(TaskListener listener) {
        this(listener, System.getenv());
    }

    /** An agent whose JVM was started with {@code agentEnvironment} (e.g. with a token an admin exported). */
    LocalTestLauncher(TaskListener listener, Map<String, String> agentEnvironment) {
        super(listener, null);
        this.agentEnvironment = Map.copyOf(agentEnvironment);
    }

    @Override
    public Proc launch(ProcStarter starter) throws IOException {
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER); // as EnvVars
        env.putAll(agentEnvironment);
        for (String kv : starter.envs()) {
            int eq = kv.indexOf('=');
            String value = expand(kv.substring(eq + 1), env);
            if (value.isEmpty()) {
                env.remove(kv.substring(0, eq));
            } else {
                env.put(kv.substring(0, eq), value);
            }
        }
        List<String> cmds = new ArrayList<>();
        starter.cmds().forEach(arg -> cmds.add(expand(arg, env)));
        ProcessBuilder pb = new ProcessBuilder(cmds);
        pb.environment().clear();
        pb.environment().putAll(env);
        FilePath pwd = starter.pwd();
        if (pwd != null) {
            pb.directory(new File(pwd.getRemote()));
        }
        if (starter.stderr() == null) {
            pb.redirectErrorStream(true); // as core's LocalProc for readStdout() without an explicit stderr
        }
        if (stdinClosed) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p = pb.start();
        started.add(p);
        environments.put(p, Map.copyOf(pb.environment()));
        // As core's LocalProc: a stream given to stdout()/stderr() receives the output (a copier thread that join()
        // waits for); without one the caller reads getStdout().
        List<Thread> copiers = new java.util.ArrayList<>();
        if (starter.stdout() != null) {
            copiers.add(copier(p.getInputStream(), starter.stdout()));
        }
        if (starter.stderr() != null) {
            copiers.add(copier(p.getErrorStream(), starter.stderr()));
        }
        return new LocalProc(p, copiers, stdinClosed);
    }

    private static Thread copier(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(out);
                out.flush();
            } catch (IOException ignored) {
                // the process went away: what was copied stays
            }
        }, "LocalTestLauncher copier");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** As core's {@code Util.replaceMacro}: known names replaced, {@code $$} gives {@code $}, unknown names kept. */
    static String expand(String s, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        Matcher m = MACRO.matcher(s);
        int at = 0;
        while (m.find()) {
            String key = m.group(1);
            String value = key.equals("$") ? "$"
                    : env.get(key.startsWith("{") ? key.substring(1, key.length() - 1) : key);
            out.append(s, at, m.start()).append(value == null ? m.group() : value);
            at = m.end();
        }
        return out.append(s.substring(at)).toString();
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
        private final List<Thread> copiers;
        private final boolean stdinClosed;

        LocalProc(Process process, List<Thread> copiers, boolean stdinClosed) {
            this.process = process;
            this.copiers = copiers;
            this.stdinClosed = stdinClosed;
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
            return stdinClosed ? OutputStream.nullOutputStream() : process.getOutputStream();
        }
    }
}
