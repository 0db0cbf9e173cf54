package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stub of core {@code hudson.Proc} (subset; {@code LocalProc}/{@code RemoteProc} omitted). Stub behaviour:
 * {@link #joinWithTimeout} has core's semantics (a watcher kills the process when the timeout elapses, reporting it on
 * the listener, while the caller joins), because it is final and a test {@code Proc} cannot supply it.
 */
public abstract class Proc {
    protected Proc() {}

    public abstract boolean isAlive() throws IOException, InterruptedException;

    public abstract void kill() throws IOException, InterruptedException;

    public abstract int join() throws IOException, InterruptedException;

    @CheckForNull
    public abstract InputStream getStdout();

    @CheckForNull
    public abstract InputStream getStderr();

    @CheckForNull
    public abstract OutputStream getStdin();

    public final int joinWithTimeout(final long timeout, final TimeUnit unit, final TaskListener listener)
            throws IOException, InterruptedException {
        final CountDownLatch joined = new CountDownLatch(1);
        Thread watcher = new Thread(() -> {
            try {
                if (!joined.await(timeout, unit)) {
                    listener.error("Timeout after " + timeout + " " + unit.toString().toLowerCase(Locale.ENGLISH));
                    kill();
                }
            } catch (InterruptedException | IOException | RuntimeException x) {
                x.printStackTrace(listener.error("Failed to join a process"));
            }
        }, "Proc.joinWithTimeout watcher");
        watcher.setDaemon(true);
        watcher.start();
        try {
            return join();
        } finally {
            joined.countDown();
        }
    }
}
