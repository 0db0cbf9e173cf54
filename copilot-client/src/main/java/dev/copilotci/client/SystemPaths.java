package dev.copilotci.client;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The system trees no CI read may reach, whatever a path's text says: {@code /proc} (every process's environment,
 * the runner's secrets among them), {@code /sys} and {@code /dev}. Used by the read-only policy for the model's tools
 * and by the job's own reads of workspace files.
 */
public final class SystemPaths {
    private static final List<Path> ROOTS = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

    private SystemPaths() {
    }

    /** The system tree {@code realPath} (already resolved: links followed) lies in, if any. */
    public static Optional<Path> rootOf(Path realPath) {
        return ROOTS.stream().filter(realPath::startsWith).findFirst();
    }
}
