package dev.copilotci.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * What a {@link PermissionPolicy#READ_ONLY} session may read, decided by REAL path: the working directory's real
 * path and everything below it, except any {@code .git} directory (actions/checkout leaves a token in
 * {@code .git/config}) and the kernel's pseudo-filesystems. Path text is never trusted: a pull request can add
 * {@code docs/x -> /proc/self/environ}, and the CLI follows links when it reads, so every path is resolved with
 * symlinks before it is compared.
 */
final class ReadScope {
    /** Process environments, kernel state and devices; never part of a checkout even when the root is {@code /}. */

    private final Path root;

    private ReadScope(Path root) {
        this.root = root;
    }

    /** The scope of {@code workingDirectory}, resolved to its real path now; fails if it does not exist. */
    static ReadScope of(String workingDirectory) throws IOException {
        return new ReadScope(Path.of(workingDirectory).toRealPath());
    }

    /**
     * Why {@code path} may not be read, or {@code null} if it may. Relative paths are taken from the working
     * directory. A path that does not exist yet is judged by its nearest existing parent, so a read of a missing
     * file inside the checkout fails in the tool (as it should) instead of being refused here.
     */
    String refusal(String path) {
        Path real;
        try {
            Path asked = Path.of(path);
            real = realPath(asked.isAbsolute() ? asked : root.resolve(asked));
        } catch (InvalidPathException e) {
            return "not a valid path";
        }
        if (real == null) {
            return "cannot be resolved (a dangling or looping link, or '..' below a missing directory)";
        }
        Optional<Path> system = SystemPaths.rootOf(real);
        if (system.isPresent()) {
            return "resolves into " + system.get() + " (process environment, kernel or devices)";
        }
        if (!real.startsWith(root)) {
            return "resolves outside the working directory";
        }
        for (Path segment : root.relativize(real)) {
            if (segment.toString().equalsIgnoreCase(".git")) {
                return "resolves into .git (repository credentials live there)";
            }
        }
        return null;
    }

    /**
     * The real path of {@code path}, following every link; for a path that does not exist, the real path of its
     * nearest existing parent plus the missing names. Null when that cannot be done safely: a dangling link (its
     * target could appear later), a loop, an unreadable parent, or {@code ..} among the missing names (which the
     * kernel would apply to wherever a link led, not to the text).
     */
    private static Path realPath(Path path) {
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = path;
        while (existing != null) {
            try {
                Path real = existing.toRealPath();
                for (Path name : missing) {
                    if (name.toString().equals("..")) {
                        return null;
                    }
                    real = real.resolve(name);
                }
                return real.normalize();
            } catch (NoSuchFileException e) {
                if (Files.isSymbolicLink(existing)) {
                    return null; // dangling link
                }
                Path name = existing.getFileName();
                if (name != null) {
                    missing.push(name);
                }
                existing = existing.getParent();
            } catch (IOException | SecurityException e) {
                return null;
            }
        }
        return null;
    }
}
