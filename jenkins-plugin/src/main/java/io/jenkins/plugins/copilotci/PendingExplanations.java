package io.jenkins.plugins.copilotci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The controller's index of builds with a queued or running explanation (their externalizable ids, one a line), so
 * that startup finds them without loading every build. The marker saved on each build stays the truth: an id whose
 * build no longer carries it is dropped at startup.
 */
final class PendingExplanations {
    private final Path file;

    PendingExplanations(Path file) {
        this.file = file;
    }

    synchronized void add(String runId) {
        Set<String> ids = read();
        if (ids.add(runId)) {
            write(ids);
        }
    }

    synchronized void remove(String runId) {
        Set<String> ids = read();
        if (ids.remove(runId)) {
            write(ids);
        }
    }

    synchronized List<String> list() {
        return new ArrayList<>(read());
    }

    private Set<String> read() {
        try {
            return Files.exists(file) ? new LinkedHashSet<>(Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList()) : new LinkedHashSet<>();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Written aside and moved, so a crash mid-write never leaves a half index. */
    private void write(Set<String> ids) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, ids, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
