package dev.copilotci.runner.github;

import dev.copilotci.job.ReviewFinding;
import dev.copilotci.job.Severity;

import java.util.Comparator;
import java.util.List;

/** Small helpers over {@link ReviewFinding} shared by the GitHub reporters. */
final class Findings {

    /** Most severe first; stable, so the model's order is kept within a severity. */
    static final Comparator<ReviewFinding> MOST_SEVERE_FIRST =
            Comparator.comparing(ReviewFinding::severity, Comparator.reverseOrder());

    private Findings() {
    }

    static List<ReviewFinding> mostSevereFirst(List<ReviewFinding> findings) {
        return findings.stream().sorted(MOST_SEVERE_FIRST).toList();
    }

    static AnnotationLevel level(Severity severity) {
        return switch (severity) {
            case ERROR -> AnnotationLevel.ERROR;
            case WARNING -> AnnotationLevel.WARNING;
            case NOTICE -> AnnotationLevel.NOTICE;
        };
    }

    /** "path:line", "path" or "" for display. */
    static String location(ReviewFinding f) {
        if (f.file() == null) {
            return "";
        }
        return f.line() > 0 ? f.file() + ":" + f.line() : f.file();
    }
}
