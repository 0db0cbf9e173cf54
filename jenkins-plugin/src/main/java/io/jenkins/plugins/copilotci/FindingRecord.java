package io.jenkins.plugins.copilotci;

import dev.copilotci.job.ReviewFinding;
import dev.copilotci.job.JobOutput;
import dev.copilotci.client.text.UntrustedText;
import java.io.Serializable;

/** A review finding as stored with the build (plain fields: persisted by Jenkins with the build record). */
public final class FindingRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String severity;
    private final String title;
    private final String message;
    private final boolean inDiff;

    /** Model text: secrets masked, control sequences removed. */
    FindingRecord(ReviewFinding f, JobOutput output) {
        this.file = clean(f.file(), output);
        this.line = f.line();
        this.severity = f.severity().label();
        this.title = clean(f.title(), output);
        this.message = clean(f.message(), output);
        this.inDiff = f.inDiff();
    }

    private static String clean(String text, JobOutput output) {
        return text == null ? null : output.safe(text);
    }

    public String getFile() {
        return file;
    }

    public int getLine() {
        return line;
    }

    public String getSeverity() {
        return severity;
    }

    public String getTitle() {
        return title;
    }

    public String getMessage() {
        return message;
    }

    public boolean isInDiff() {
        return inDiff;
    }

    /** "src/App.java:12" or "src/App.java". */
    public String getLocation() {
        return (file == null ? "?" : file) + (line > 0 ? ":" + line : "");
    }
}
