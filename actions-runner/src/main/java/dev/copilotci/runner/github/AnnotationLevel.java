package dev.copilotci.runner.github;

/** The three annotation commands, in the order the runner's per-step caps make them worth emitting. */
public enum AnnotationLevel {
    ERROR("error"),
    WARNING("warning"),
    NOTICE("notice");

    private final String command;

    AnnotationLevel(String command) {
        this.command = command;
    }

    /** The workflow command name ({@code error}, {@code warning}, {@code notice}). */
    public String command() {
        return command;
    }
}
