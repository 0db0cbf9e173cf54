package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.ExtensionPoint;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.List;
import jenkins.console.WithConsoleUrl;
import jenkins.model.HistoricalBuild;
import jenkins.model.RunAction2;
import jenkins.util.io.OnMaster;
import org.kohsuke.stapler.StaplerProxy;
import org.springframework.security.access.AccessDeniedException;

/**
 * Stub of core {@code hudson.model.Run} (subset; {@code AnnotatedLargeText getLogText()} is omitted because its type
 * hierarchy lives in stapler; use {@link #getLog(int)} or {@link #getLogReader()}).
 *
 * <p>Stub behaviour: the constructors only store the job (core also assigns the number/timestamp), and
 * {@link #addAction(Action)} keeps core's contract of calling {@link RunAction2#onAttached(Run)}. All other methods
 * throw; stub-driven tests override the non-final ones they need (getNumber, getUrl, getExternalizableId, getLog...).
 */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint, Comparable<RunT>, AccessControlled, PersistenceRoot, DescriptorByNameOwner,
                OnMaster, StaplerProxy, HistoricalBuild, WithConsoleUrl {
    protected final transient @NonNull JobT project;

    protected Run(@NonNull JobT job) throws IOException {
        this.project = job;
    }

    protected Run(@NonNull JobT job, long timestamp) {
        this.project = job;
    }

    @Override
    public void addAction(@NonNull Action a) {
        super.addAction(a);
        if (a instanceof RunAction2) {
            ((RunAction2) a).onAttached(this);
        }
    }

    @Override
    public int compareTo(@NonNull RunT that) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public @CheckForNull Result getResult() {
        throw new UnsupportedOperationException("stub");
    }

    public void setResult(@NonNull Result r) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean isBuilding() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isInProgress() {
        throw new UnsupportedOperationException("stub");
    }

    public final @NonNull Charset getCharset() {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull JobT getParent() {
        return project;
    }

    @Override
    public String getFullDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getNumber() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public @NonNull String getUrl() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getConsoleUrl() {
        throw new UnsupportedOperationException("stub");
    }

    @Deprecated
    public final @NonNull String getAbsoluteUrl() {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull String getId() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public @NonNull File getRootDir() {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull File getLogFile() {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull InputStream getLogInputStream() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull Reader getLogReader() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public @NonNull ACL getACL() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    /** Core: the last {@code maxLines} lines of the log, console notes removed, oldest first. */
    public @NonNull List<String> getLog(int maxLines) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull EnvVars getEnvironment(@NonNull TaskListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull String getExternalizableId() {
        throw new UnsupportedOperationException("stub");
    }

    public @CheckForNull static Run<?, ?> fromExternalizableId(String id)
            throws IllegalArgumentException, AccessDeniedException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Object getTarget() {
        throw new UnsupportedOperationException("stub");
    }
}
