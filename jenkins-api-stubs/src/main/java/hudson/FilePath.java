package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Stub of core {@code hudson.FilePath} (subset).
 *
 * <p>Stub behaviour (FilePath is final, so tests cannot substitute it): for a <em>local</em> path (channel {@code null})
 * the simple file operations below act on the local file system with core's semantics (readToString uses the default
 * charset, like core). A remote FilePath (non-null channel) throws on every file operation. Path handling is the Unix
 * subset of core's (no Windows drive/UNC normalisation).
 *
 * <p>{@link #act(FileCallable)} on a local path runs the callable on this JVM with the local {@link File}, as core
 * does; core passes its {@code localChannel} (a {@code LocalChannel}), the stub passes {@code null}. Role checks
 * ({@code checkRoles}) happen only when core sends the callable over a remote channel, so neither calls them here.
 */
public final class FilePath implements SerializableOnlyOverRemoting {
    private static final long serialVersionUID = 1L;

    private final transient VirtualChannel channel;
    private final String remote;

    public FilePath(@CheckForNull VirtualChannel channel, @NonNull String remote) {
        this.channel = channel;
        this.remote = remote;
    }

    public FilePath(@NonNull File localPath) {
        this.channel = null;
        this.remote = localPath.getPath();
    }

    public FilePath(@NonNull FilePath base, @NonNull String rel) {
        this.channel = base.channel;
        this.remote = rel.startsWith("/") ? rel : base.remote + '/' + rel;
    }

    public String getRemote() {
        return remote;
    }

    public String getName() {
        String r = remote;
        if (r.endsWith("/") || r.endsWith("\\")) {
            r = r.substring(0, r.length() - 1);
        }
        int i = Math.max(r.lastIndexOf('/'), r.lastIndexOf('\\'));
        return r.substring(i + 1);
    }

    /** As core: the parent directory, or {@code null} at a root. */
    public @CheckForNull FilePath getParent() {
        String r = remote;
        if (r.endsWith("/") || r.endsWith("\\")) {
            r = r.substring(0, r.length() - 1);
        }
        int i = Math.max(r.lastIndexOf('/'), r.lastIndexOf('\\'));
        return i <= 0 ? null : new FilePath(channel, r.substring(0, i));
    }

    public @NonNull FilePath child(String relOrAbsolute) {
        return new FilePath(this, relOrAbsolute);
    }

    public VirtualChannel getChannel() {
        return channel;
    }

    public boolean isRemote() {
        return channel != null;
    }

    public boolean exists() throws IOException, InterruptedException {
        return Files.exists(local());
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        return Files.isDirectory(local());
    }

    public long length() throws IOException, InterruptedException {
        Path p = local();
        return Files.exists(p) ? Files.size(p) : 0L;
    }

    public void mkdirs() throws IOException, InterruptedException {
        Files.createDirectories(local());
    }

    public boolean delete() throws IOException, InterruptedException {
        Files.deleteIfExists(local());
        return true;
    }

    public void deleteRecursive() throws IOException, InterruptedException {
        Path root = local();
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    public InputStream read() throws IOException, InterruptedException {
        return Files.newInputStream(local());
    }

    public String readToString() throws IOException, InterruptedException {
        return Files.readString(local(), Charset.defaultCharset());
    }

    public void write(final String content, final String encoding) throws IOException, InterruptedException {
        Path p = local().toAbsolutePath();
        if (p.getParent() != null) {
            Files.createDirectories(p.getParent());
        }
        Files.writeString(p, content, encoding == null ? Charset.defaultCharset() : Charset.forName(encoding));
    }

    /**
     * As core: code run on the machine where this path is local. Implementations must be serializable (a static nested
     * class): on an agent the callable travels over remoting.
     */
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    /** Runs the callable where this path is local: here, on this JVM (a remote FilePath throws, see the class doc). */
    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        if (channel != null) {
            throw new UnsupportedOperationException("stub: remote FilePath");
        }
        return callable.invoke(new File(remote), null);
    }

    @Override
    public String toString() {
        return remote;
    }

    private Path local() {
        if (channel != null) {
            throw new UnsupportedOperationException("stub: remote FilePath");
        }
        return Path.of(remote);
    }
}
