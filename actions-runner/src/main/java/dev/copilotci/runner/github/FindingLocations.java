package dev.copilotci.runner.github;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides which file/line pairs reported by the model are real, so that only those become annotation locations.
 * Paths are normalised to repository-relative form with {@code /}; anything absolute, escaping the workspace
 * ({@code ..}, symlinks) or containing control characters is rejected. With a workspace, the file must exist and the
 * line must be within it; without one, only the syntax is checked. Not thread-safe (caches line counts).
 */
public final class FindingLocations {

    private static final int MAX_PATH_LENGTH = 1024;
    /** Files larger than this are not scanned for their line count; any positive line is accepted. */
    private static final long MAX_SCANNED_BYTES = 64L * 1024 * 1024;

    private final Path workspace;
    private final Map<String, OptionalInt> lineCounts = new HashMap<>();

    private FindingLocations(Path workspace) {
        this.workspace = workspace;
    }

    /** Syntax checks only (no workspace available). */
    public static FindingLocations syntacticOnly() {
        return new FindingLocations(null);
    }

    /** Checks against the files of a checkout. */
    public static FindingLocations inWorkspace(Path workspace) {
        try {
            return new FindingLocations(workspace.toRealPath());
        } catch (IOException e) {
            return new FindingLocations(workspace.toAbsolutePath().normalize());
        }
    }

    /** The normalised, repository-relative path if {@code file} names a valid file; empty otherwise. */
    public Optional<String> file(String file) {
        Optional<String> normalized = normalize(file);
        if (normalized.isEmpty() || workspace == null) {
            return normalized;
        }
        if (isRegularFileInside(normalized.get())) {
            return normalized;
        }
        // Models often quote diff paths ("b/src/x.java").
        String p = normalized.get();
        if ((p.startsWith("a/") || p.startsWith("b/")) && p.length() > 2 && isRegularFileInside(p.substring(2))) {
            return Optional.of(p.substring(2));
        }
        return Optional.empty();
    }

    /** Whether {@code line} is a line of the (already validated) file. */
    public boolean isValidLine(String validatedFile, int line) {
        if (line < 1) {
            return false;
        }
        if (workspace == null) {
            return true;
        }
        OptionalInt count = lineCounts.computeIfAbsent(validatedFile, this::countLines);
        return count.isEmpty() || line <= count.getAsInt();
    }

    private static Optional<String> normalize(String file) {
        if (file == null) {
            return Optional.empty();
        }
        String p = file.strip().replace('\\', '/');
        if (p.isEmpty() || p.length() > MAX_PATH_LENGTH || p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*") || p.contains("://")) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(p.length());
        for (String segment : p.split("/+")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                return Optional.empty();
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment);
        }
        return out.length() == 0 ? Optional.empty() : Optional.of(out.toString());
    }

    private boolean isRegularFileInside(String relative) {
        try {
            Path candidate = workspace.resolve(relative).normalize();
            if (!candidate.startsWith(workspace) || !Files.isRegularFile(candidate)) {
                return false;
            }
            Path real = candidate.toRealPath();
            return real.startsWith(workspace) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private OptionalInt countLines(String relative) {
        Path path = workspace.resolve(relative);
        try {
            if (Files.size(path) > MAX_SCANNED_BYTES) {
                return OptionalInt.empty();
            }
            int lines = 0;
            boolean pendingPartial = false;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(path)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                            pendingPartial = false;
                        } else {
                            pendingPartial = true;
                        }
                    }
                }
            }
            return OptionalInt.of(pendingPartial ? lines + 1 : lines);
        } catch (IOException e) {
            return OptionalInt.of(0);
        }
    }
}
