package io.jenkins.plugins.copilotci;

import dev.copilotci.job.JobInputs;
import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/**
 * Reads one file named relative to the workspace, bounded, on the agent where the workspace lives (act on the
 * workspace's FilePath). The job layer's rule ({@link JobInputs#readFile}) decides by <em>real</em> path: a pull request
 * can replace a named file with a link to {@code /proc/self/environ}, to {@code ~/.ssh/id_rsa} or into another job's
 * workspace, and only the agent can resolve that link. Run anywhere else (e.g. a remote stream read on the
 * controller), the check would see the wrong file system.
 *
 * <p>Failures come back as {@link AbortException} (a core IOException, plain message, safe to send over remoting).
 * Result: the bytes, at most {@code cap}.
 */
final class ReadInsideWorkspace extends MasterToSlaveFileCallable<byte[]> {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int cap;
    private final String what;

    /**
     * @param name the file, relative to the workspace (as the user wrote it in the Pipeline)
     * @param cap  at most this many bytes; more is an error, not a silent cut
     * @param what how messages name the input, e.g. {@code copilotPrompt: file}
     */
    ReadInsideWorkspace(String name, int cap, String what) {
        this.name = name;
        this.cap = cap;
        this.what = what;
    }

    @Override
    public byte[] invoke(File workspace, VirtualChannel channel) throws IOException {
        try {
            return JobInputs.readFile(workspace.toPath(), Path.of(name), cap, what);
        } catch (NoSuchFileException | InvalidPathException e) {
            throw new AbortException(Messages.ReadInsideWorkspace_NotFound(what, name));
        } catch (JobInputs.RejectedInputException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
