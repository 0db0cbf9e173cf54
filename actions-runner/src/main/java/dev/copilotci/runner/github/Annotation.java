package dev.copilotci.runner.github;

import java.util.Objects;

/**
 * One {@code ::error|warning|notice ...::message} line. Location fields are optional ({@code null} = absent);
 * lines and columns count from 1. {@link WorkflowCommands} drops combinations the runner would reject anyway.
 */
public record Annotation(
        AnnotationLevel level,
        String message,
        String title,
        String file,
        Integer line,
        Integer endLine,
        Integer column,
        Integer endColumn) {

    public Annotation {
        Objects.requireNonNull(level, "level");
        message = message == null ? "" : message;
    }

    public static Annotation of(AnnotationLevel level, String message) {
        return new Annotation(level, message, null, null, null, null, null, null);
    }

    public Annotation withTitle(String newTitle) {
        return new Annotation(level, message, newTitle, file, line, endLine, column, endColumn);
    }

    /** Points at a whole file. */
    public Annotation atFile(String newFile) {
        return new Annotation(level, message, title, newFile, null, null, null, null);
    }

    /** Points at one line of a file. */
    public Annotation at(String newFile, int newLine) {
        return new Annotation(level, message, title, newFile, newLine, null, null, null);
    }

    public Annotation withLines(int startLine, int newEndLine) {
        return new Annotation(level, message, title, file, startLine, newEndLine, column, endColumn);
    }

    public Annotation withColumns(int startColumn, int newEndColumn) {
        return new Annotation(level, message, title, file, line, endLine, startColumn, newEndColumn);
    }
}
