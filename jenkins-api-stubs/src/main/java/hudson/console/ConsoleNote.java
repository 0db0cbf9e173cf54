package hudson.console;

import hudson.ExtensionPoint;
import hudson.MarkupText;
import hudson.model.Describable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Stub of core {@code hudson.console.ConsoleNote} (subset). The preamble/postamble constants have core's exact values
 * (they are compile-time constants inlined into callers). Encoding needs the controller's HMAC key, so every encode
 * method throws here.
 */
public abstract class ConsoleNote<T> implements Serializable, Describable<ConsoleNote<?>>, ExtensionPoint {
    public abstract ConsoleAnnotator annotate(T context, MarkupText text, int charPos);

    @Override
    public ConsoleAnnotationDescriptor getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }

    public void encodeTo(OutputStream out) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public void encodeTo(Writer out) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public String encode() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public static List<String> removeNotes(Collection<String> logLines) {
        throw new UnsupportedOperationException("stub");
    }

    public static String removeNotes(String line) {
        throw new UnsupportedOperationException("stub");
    }

    private static final long serialVersionUID = 1L;

    public static final String PREAMBLE_STR = "\u001B[8mha:";
    public static final String POSTAMBLE_STR = "\u001B[0m";
    public static final byte[] PREAMBLE = PREAMBLE_STR.getBytes(StandardCharsets.UTF_8);
    public static final byte[] POSTAMBLE = POSTAMBLE_STR.getBytes(StandardCharsets.UTF_8);
}
