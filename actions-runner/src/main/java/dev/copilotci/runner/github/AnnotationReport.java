package dev.copilotci.runner.github;

/**
 * How many findings became annotations, per level, and how many were left for the summary only.
 */
public record AnnotationReport(int errors, int warnings, int notices, int omitted) {

    public int emitted() {
        return errors + warnings + notices;
    }

    /** "N more findings only in the summary", or empty when nothing was held back. */
    public String omittedMessage() {
        if (omitted == 0) {
            return "";
        }
        return omitted + (omitted == 1 ? " more finding" : " more findings") + " only in the summary";
    }
}
