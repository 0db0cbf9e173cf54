package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Stub of core {@code hudson.util.Secret} (subset).
 *
 * <p>Stub behaviour: a plain holder so tests can build credentials — {@link #fromString} wraps the text (core would
 * first try to decrypt it with the controller's key; no key exists here), {@link #getPlainText()} returns it and
 * {@link #toString(Secret)} is null-safe as in core. Encryption ({@link #getEncryptedValue()}, {@link #decrypt}) throws.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    @NonNull
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Deprecated in core (logs a warning there): use {@link #getPlainText()}. */
    @Override
    @Deprecated
    public String toString() {
        return value;
    }

    @NonNull
    public String getPlainText() {
        return value;
    }

    @Override
    public boolean equals(Object that) {
        return that instanceof Secret && value.equals(((Secret) that).value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    public String getEncryptedValue() {
        throw new UnsupportedOperationException("stub");
    }

    @CheckForNull
    public static Secret decrypt(@CheckForNull String data) {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        return new Secret(data == null ? "" : data);
    }

    @NonNull
    public static String toString(@CheckForNull Secret s) {
        return s == null ? "" : s.value;
    }
}
