package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import hudson.remoting.Channel;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Stub of core {@code hudson.Launcher} (subset; the deprecated {@code launch(...)} overloads, decorators and the nested
 * launcher implementations are omitted).
 *
 * <p>Stub behaviour: {@link ProcStarter} is final, so it behaves as in core — its fluent setters record the request
 * ({@code readStdout()} clears stdout/stderr, {@code writeStdin()} clears stdin, exactly like core) and
 * {@link ProcStarter#start()} hands itself to {@link #launch(ProcStarter)}. A test launcher therefore implements
 * {@code launch(ProcStarter)} (for example with {@link ProcessBuilder}) and sees the same request a real agent would.
 * Core keeps the reverse-pipe flags in protected fields visible only to core's own launchers; here a {@code null}
 * {@code stdout()}/{@code stdin()} after {@code readStdout()}/{@code writeStdin()} is the observable signal.
 */
public abstract class Launcher {
    @NonNull
    protected final TaskListener listener;

    @CheckForNull
    protected final VirtualChannel channel;

    protected Launcher(@NonNull TaskListener listener, @CheckForNull VirtualChannel channel) {
        this.listener = listener;
        this.channel = channel;
    }

    @CheckForNull
    public VirtualChannel getChannel() {
        return channel;
    }

    @NonNull
    public TaskListener getListener() {
        return listener;
    }

    /** Builder for a process launch; as in core, not thread-safe. */
    public final class ProcStarter {
        private List<String> commands;
        private boolean[] masks;
        private boolean quiet;
        private FilePath pwd;
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr;
        private InputStream stdin = InputStream.nullInputStream();
        private String[] envs;

        public ProcStarter cmds(String... args) {
            return cmds(Arrays.asList(args));
        }

        public ProcStarter cmds(File program, String... args) {
            commands = new ArrayList<>(args.length + 1);
            commands.add(program.getPath());
            commands.addAll(Arrays.asList(args));
            return this;
        }

        public ProcStarter cmds(List<String> args) {
            commands = new ArrayList<>(args);
            return this;
        }

        public List<String> cmds() {
            return commands;
        }

        public ProcStarter masks(@CheckForNull boolean... masks) {
            this.masks = masks;
            return this;
        }

        @CheckForNull
        public boolean[] masks() {
            return masks;
        }

        public ProcStarter quiet(boolean quiet) {
            this.quiet = quiet;
            return this;
        }

        public boolean quiet() {
            return quiet;
        }

        public ProcStarter pwd(@CheckForNull FilePath workDir) {
            this.pwd = workDir;
            return this;
        }

        public ProcStarter pwd(@NonNull File workDir) {
            return pwd(new FilePath(workDir));
        }

        public ProcStarter pwd(@NonNull String workDir) {
            return pwd(new File(workDir));
        }

        @CheckForNull
        public FilePath pwd() {
            return pwd;
        }

        public ProcStarter stdout(@CheckForNull OutputStream out) {
            this.stdout = out;
            return this;
        }

        public ProcStarter stdout(@NonNull TaskListener out) {
            this.stdout = out.getLogger();
            return this;
        }

        @CheckForNull
        public OutputStream stdout() {
            return stdout;
        }

        public ProcStarter stderr(@CheckForNull OutputStream err) {
            this.stderr = err;
            return this;
        }

        @CheckForNull
        public OutputStream stderr() {
            return stderr;
        }

        @NonNull
        public ProcStarter stdin(@CheckForNull InputStream in) {
            this.stdin = in;
            return this;
        }

        @CheckForNull
        public InputStream stdin() {
            return stdin;
        }

        /** Core converts the map with {@code Util.mapToEnv}: one {@code KEY=value} string per entry. */
        public ProcStarter envs(@NonNull Map<String, String> overrides) {
            List<String> list = new ArrayList<>(overrides.size());
            overrides.forEach((k, v) -> list.add(k + '=' + v));
            this.envs = list.toArray(new String[0]);
            return this;
        }

        public ProcStarter envs(@CheckForNull String... overrides) {
            if (overrides != null) {
                for (String override : overrides) {
                    if (override.indexOf('=') == -1) {
                        throw new IllegalArgumentException(override);
                    }
                }
            }
            this.envs = overrides;
            return this;
        }

        @NonNull
        public String[] envs() {
            return envs != null ? envs.clone() : new String[0];
        }

        /** The caller will read {@link Proc#getStdout()}; as in core this clears stdout and stderr. */
        public ProcStarter readStdout() {
            stdout = null;
            stderr = null;
            return this;
        }

        /** The caller will read {@link Proc#getStderr()}. */
        public ProcStarter readStderr() {
            return this;
        }

        /** The caller will write {@link Proc#getStdin()}; as in core this clears stdin. */
        public ProcStarter writeStdin() {
            stdin = null;
            return this;
        }

        public Proc start() throws IOException {
            return launch(this);
        }

        public int join() throws IOException, InterruptedException {
            return start().join();
        }
    }

    @NonNull
    public final ProcStarter launch() {
        return new ProcStarter();
    }

    public abstract Proc launch(@NonNull ProcStarter starter) throws IOException;

    public abstract Channel launchChannel(@NonNull String[] cmd, @NonNull OutputStream out,
            @CheckForNull FilePath workDir, @NonNull Map<String, String> envVars)
            throws IOException, InterruptedException;

    public boolean isUnix() {
        return File.pathSeparatorChar == ':';
    }

    public abstract void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException;
}
