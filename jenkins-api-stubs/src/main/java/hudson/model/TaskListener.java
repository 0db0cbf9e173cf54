package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.console.ConsoleNote;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Stub of core {@code hudson.model.TaskListener}.
 *
 * <p>Stub behaviour: {@link #getCharset()}, {@code error}/{@code fatalError} and {@link #NULL} behave as in core (plain
 * text on {@link #getLogger()}), so a test listener only implements {@code getLogger()}. {@link #annotate} and
 * {@link #hyperlink} throw: console notes are HMAC-signed by a running Jenkins and cannot be produced here.
 * In core {@code getCharset()} is {@code @Restricted(ProtectedExternally)}: plugins must not call it.
 */
public interface TaskListener extends SerializableOnlyOverRemoting {
    @NonNull
    PrintStream getLogger();

    @NonNull
    default Charset getCharset() {
        return StandardCharsets.UTF_8;
    }

    @SuppressWarnings("rawtypes")
    default void annotate(ConsoleNote ann) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    default void hyperlink(String url, String text) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    default PrintWriter error(String msg) {
        PrintStream out = getLogger();
        out.print("ERROR: ");
        out.println(msg);
        return new PrintWriter(new OutputStreamWriter(out, getCharset()), true);
    }

    @NonNull
    default PrintWriter error(String format, Object... args) {
        return error(String.format(format, args));
    }

    @NonNull
    default PrintWriter fatalError(String msg) {
        PrintStream out = getLogger();
        out.print("FATAL: ");
        out.println(msg);
        return new PrintWriter(new OutputStreamWriter(out, getCharset()), true);
    }

    @NonNull
    default PrintWriter fatalError(String format, Object... args) {
        return fatalError(String.format(format, args));
    }

    /** Discards everything (core: {@code hudson.util.NullTaskListener}). */
    TaskListener NULL = () -> new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
}
