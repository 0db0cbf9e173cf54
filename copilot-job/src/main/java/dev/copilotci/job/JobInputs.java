package dev.copilotci.job;

import dev.copilotci.client.SystemPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reading a job's inputs (a prompt file, a diff, an attached file) the way a hostile pull request cannot abuse: each
 * read has a cap with a clear error, and a file named inside the workspace is read only if its <em>real</em> path
 * (links resolved) is inside the workspace's real path — a pull request can replace {@code prompt.md} with a link to
 * {@code /proc/self/environ}. Nothing is ever read from {@code /proc}, {@code /sys} or {@code /dev}.
 */
public final class JobInputs {
    /** A prompt: far beyond any model's context already. */
    public static final int PROMPT_BYTES = 1024 * 1024;
    /** A diff: the review selects within the model's budget; more than this is no review anyone can read. */
    public static final int DIFF_BYTES = 16 * 1024 * 1024;
    /** An attached file. */
    public static final int ATTACHMENT_BYTES = 4 * 1024 * 1024;


    private JobInputs() {
    }

    /** An input over its cap, or one whose real path leaves the workspace: the message says which and what to do. */
    public static final class RejectedInputException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public RejectedInputException(String message) {
            super(message);
        }
    }

    /**
     * Reads at most {@code cap} bytes.
     *
     * @throws RejectedInputException when there is more
     */
    public static byte[] read(InputStream in, int cap, String what) throws IOException {
        byte[] bytes = in.readNBytes(cap);
        if (in.read() >= 0) {
            throw new RejectedInputException(what + " is larger than " + describe(cap) + ": pass a smaller one"
                    + " (a narrower diff range, a log excerpt, a shorter prompt)");
        }
        return bytes;
    }

    /** Reads a file checked by {@link #requireInside}, at most {@code cap} bytes. */
    public static byte[] readFile(Path workspace, Path file, int cap, String what) throws IOException {
        Path real = requireInside(workspace, file, what);
        try (InputStream in = Files.newInputStream(real)) {
            return read(in, cap, what + " " + file); // name the file: a step may read several
        }
    }

    /**
     * The real path of {@code file}, if it may be read: never under /proc, /sys or /dev, and a file named inside
     * the workspace must really be inside it (a file named outside, e.g. one the workflow wrote to a temp directory,
     * is the workflow author's own choice).
     *
     * @throws NoSuchFileException when the file does not exist
     */
    public static Path requireInside(Path workspace, Path file, String what) throws IOException {
        Path absolute = workspace.resolve(file).toAbsolutePath().normalize();
        Path real = absolute.toRealPath();
        Optional<Path> system = SystemPaths.rootOf(real);
        if (system.isPresent()) {
            throw new RejectedInputException(what + " " + file + " resolves to " + system.get() + ": refusing to read"
                    + " system files");
        }
        Path workspaceAbsolute = workspace.toAbsolutePath().normalize();
        Path workspaceReal = Files.exists(workspaceAbsolute) ? workspaceAbsolute.toRealPath() : workspaceAbsolute;
        boolean namedInside = absolute.startsWith(workspaceAbsolute) || absolute.startsWith(workspaceReal);
        if (namedInside && !real.startsWith(workspaceReal)) {
            throw new RejectedInputException(what + " " + file + " is a link that leaves the workspace (to " + real
                    + "): refusing to read it; a pull request may have planted it");
        }
        return real;
    }

    private static String describe(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
