package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.util.Collection;
import org.kohsuke.stapler.HttpResponse;

/** Stub of core {@code hudson.util.FormValidation} (subset; factories throw). */
public abstract class FormValidation extends IOException implements HttpResponse {
    /** Severity of a validation result. */
    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    public final Kind kind;

    private FormValidation(Kind kind) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation error(Throwable e, String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation warning(Throwable e, String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static @NonNull FormValidation aggregate(@NonNull Collection<FormValidation> validations) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation errorWithMarkup(String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation warningWithMarkup(String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation okWithMarkup(String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation respond(Kind kind, final String html) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation validateNonNegativeInteger(String value) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation validateIntegerInRange(String value, int lower, int upper) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation validatePositiveInteger(String value) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation validateRequired(String value) {
        throw new UnsupportedOperationException("stub");
    }

    public abstract String renderHtml();
}
