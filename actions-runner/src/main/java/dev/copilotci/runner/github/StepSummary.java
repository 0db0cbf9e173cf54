package dev.copilotci.runner.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Appends the run's report to {@code $GITHUB_STEP_SUMMARY}. GitHub refuses a step summary above 1 MiB (the upload
 * fails with an error annotation, and the whole summary is lost), so the report is cut to what is left of that
 * budget after anything already in the file.
 */
public final class StepSummary {

    /** GitHub's per-step limit ("supports content up to a size of 1024k"). */
    public static final int MAX_BYTES = 1024 * 1024;
    static final String LIMIT_NAME = "GitHub's 1 MiB step summary limit";
    /** Below this much room, writing a cut-down report is pointless. */
    private static final int MIN_USEFUL_BYTES = 1024;

    private final Path file;
    private final int maxBytes;

    public StepSummary(Path file) {
        this(file, MAX_BYTES);
    }

    /** For tests: a smaller limit. */
    StepSummary(Path file, int maxBytes) {
        this.file = Objects.requireNonNull(file, "file");
        this.maxBytes = maxBytes;
    }

    /** The Markdown that {@link #append} would write into a file holding {@code existingBytes} already. */
    public String render(ReportContent content, long existingBytes) {
        long room = maxBytes - existingBytes - 2;
        if (room < MIN_USEFUL_BYTES) {
            return "";
        }
        return ReportMarkdown.render(content, (int) room, LIMIT_NAME, "Findings");
    }

    /**
     * Appends the report; returns the number of bytes written (0 when the file is already too full).
     */
    public int append(ReportContent content) throws IOException {
        long existing = Files.exists(file) ? Files.size(file) : 0;
        String markdown = render(content, existing);
        if (markdown.isEmpty()) {
            return 0;
        }
        String text = (existing > 0 ? "\n" : "") + markdown + "\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return bytes.length;
    }
}
