package dev.copilotci.runner.github;

import dev.copilotci.job.ReviewFinding;
import dev.copilotci.client.text.UntrustedText;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Emits review findings as {@code ::error/::warning/::notice} annotations. The runner keeps at most 10 errors and
 * 10 warnings per step (a composite action counts as one step) and drops the rest silently, so findings go out most
 * severe first, at most {@value #MAX_PER_LEVEL} per level, and the rest are only counted: the caller says so with
 * {@link AnnotationReport#omittedMessage()} (as a plain log line or in the summary; an extra {@code ::notice} would
 * itself be dropped once ten notices were emitted). A finding gets
 * {@code file}/{@code line} properties only when {@link FindingLocations} accepts them; otherwise it is annotated
 * without a location rather than pointing somewhere wrong.
 */
public final class AnnotationReporter {

    public static final int MAX_PER_LEVEL = 10;
    static final int MAX_MESSAGE_CHARS = 4000;
    static final String DEFAULT_TITLE = "Copilot review";

    private final WorkflowCommands commands;
    private final FindingLocations locations;

    public AnnotationReporter(WorkflowCommands commands, FindingLocations locations) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.locations = Objects.requireNonNull(locations, "locations");
    }

    public AnnotationReport report(List<ReviewFinding> findings) {
        Map<AnnotationLevel, Integer> counts = new EnumMap<>(AnnotationLevel.class);
        int omitted = 0;
        for (ReviewFinding f : Findings.mostSevereFirst(findings)) {
            AnnotationLevel level = Findings.level(f.severity());
            int count = counts.getOrDefault(level, 0);
            if (count >= MAX_PER_LEVEL) {
                omitted++;
                continue;
            }
            commands.annotate(annotation(f, level));
            counts.put(level, count + 1);
        }
        return new AnnotationReport(counts.getOrDefault(AnnotationLevel.ERROR, 0),
                counts.getOrDefault(AnnotationLevel.WARNING, 0), counts.getOrDefault(AnnotationLevel.NOTICE, 0),
                omitted);
    }

    Annotation annotation(ReviewFinding f, AnnotationLevel level) {
        String title = f.title() == null ? DEFAULT_TITLE : UntrustedText.singleLine(f.title(), 200);
        String message = UntrustedText.forLog(f.message());
        if (message.length() > MAX_MESSAGE_CHARS) {
            int cut = MAX_MESSAGE_CHARS - 1;
            if (Character.isHighSurrogate(message.charAt(cut - 1))) {
                cut--;
            }
            message = message.substring(0, cut) + "\u2026";
        }
        Annotation a = Annotation.of(level, message).withTitle(title);
        Optional<String> file = locations.file(f.file());
        if (file.isEmpty()) {
            return a;
        }
        return locations.isValidLine(file.get(), f.line()) ? a.at(file.get(), f.line()) : a.atFile(file.get());
    }
}
