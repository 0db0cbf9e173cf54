package dev.copilotci.runner.github;

import dev.copilotci.client.text.SecretMasker;
import dev.copilotci.client.text.UntrustedText;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes GitHub Actions workflow commands ({@code ::name k=v,...::data}) to a stream, usually the step's stdout.
 *
 * <p>The runner turns any stdout line starting with {@code ::} (and any line containing {@code ##[}) into a
 * command, so every piece of text is either escaped into a single command line or, for untrusted text that must be
 * shown verbatim, framed by {@code ::stop-commands::<random token>} ... {@code ::<token>::}. Each call writes its
 * lines with one {@code print} so concurrent writers do not interleave inside a command.
 */
public final class WorkflowCommands {

    private static final String NL = "\n";
    private static final int MAX_TOKEN_DRAWS = 100;

    private final PrintStream out;
    private final Supplier<String> stopTokens;

    public WorkflowCommands(PrintStream out) {
        this(out, SecureTokens::randomHex128);
    }

    /** For tests: the source of stop-commands tokens. */
    WorkflowCommands(PrintStream out, Supplier<String> stopTokens) {
        this.out = Objects.requireNonNull(out, "out");
        this.stopTokens = Objects.requireNonNull(stopTokens, "stopTokens");
    }

    /** Escapes a command's data (the text after the second {@code ::}): {@code %}, CR and LF. */
    public static String escapeData(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a property value: as {@link #escapeData} plus {@code :} and {@code ,}. */
    public static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }

    /** Formats a command line (without line terminator); {@code null} or empty properties are left out. */
    public static String format(String command, Map<String, String> properties, String data) {
        StringBuilder sb = new StringBuilder("::").append(command);
        boolean first = true;
        for (Map.Entry<String, String> p : properties.entrySet()) {
            if (p.getValue() == null || p.getValue().isEmpty()) {
                continue;
            }
            sb.append(first ? ' ' : ',').append(p.getKey()).append('=').append(escapeProperty(p.getValue()));
            first = false;
        }
        return sb.append("::").append(escapeData(data)).toString();
    }

    /** Formats an annotation, applying the runner's own location rules so nothing is silently discarded. */
    public static String format(Annotation a) {
        Map<String, String> props = new LinkedHashMap<>();
        String file = a.file() == null || a.file().isBlank() ? null : a.file();
        props.put("file", file);
        Integer line = positive(a.line());
        Integer endLine = positive(a.endLine());
        if (line == null && endLine != null) {
            line = endLine;
        }
        if (line != null && endLine != null && endLine < line) {
            line = null;
            endLine = null;
        }
        if (file == null) {
            // A line without a file means nothing to the runner.
            line = null;
            endLine = null;
        }
        Integer col = positive(a.column());
        Integer endCol = positive(a.endColumn());
        boolean singleLine = line != null && (endLine == null || endLine.equals(line));
        if (!singleLine || (col != null && endCol != null && endCol < col)) {
            col = null;
            endCol = null;
        }
        props.put("line", line == null ? null : line.toString());
        props.put("endLine", endLine == null ? null : endLine.toString());
        props.put("col", col == null ? null : col.toString());
        props.put("endColumn", endCol == null ? null : endCol.toString());
        props.put("title", a.title());
        return format(a.level().command(), props, a.message());
    }

    public void annotate(Annotation annotation) {
        emit(format(annotation) + NL);
    }

    public void error(String message) {
        annotate(Annotation.of(AnnotationLevel.ERROR, message));
    }

    public void warning(String message) {
        annotate(Annotation.of(AnnotationLevel.WARNING, message));
    }

    public void notice(String message) {
        annotate(Annotation.of(AnnotationLevel.NOTICE, message));
    }

    /** Shown only when step debug logging is on. */
    public void debug(String message) {
        emit(format("debug", Map.of(), message) + NL);
    }

    /**
     * Registers a secret with the runner's log masker. The runner masks line by line, so each line of a multi-line
     * secret is registered on its own. Blank lines are skipped (the runner rejects them), and so are lines of a
     * multi-line secret shorter than {@link SecretMasker#MIN_SECRET_LENGTH} characters ("}" or "==" from a key file
     * would blank out every brace in the log while hiding nothing). Call before the value could be printed.
     */
    public void addMask(String secret) {
        if (secret == null || secret.isBlank()) {
            return;
        }
        String[] lines = secret.split("\r\n|\r|\n", -1);
        boolean multiLine = lines.length > 1;
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            if (!line.isBlank() && (!multiLine || line.strip().length() >= SecretMasker.MIN_SECRET_LENGTH)) {
                sb.append("::add-mask::").append(escapeData(line)).append(NL);
            }
        }
        emit(sb.toString());
    }

    /** Starts a collapsible group in the log; groups do not nest. */
    public void group(String title) {
        emit("::group::" + escapeData(title) + NL);
    }

    public void endGroup() {
        emit("::endgroup::" + NL);
    }

    /**
     * Prints text that must be shown verbatim but never interpreted (model output). Command processing is paused
     * with a fresh 128-bit token that does not occur in the text, so no line of it, not even {@code ::<token>::},
     * can resume processing early. Terminal escape sequences and control characters are removed
     * ({@link UntrustedText#forLog}); a lone CR becomes a line break inside the paused region.
     */
    public void echoUntrusted(String text) {
        String body = UntrustedText.forLog(text == null ? "" : text);
        String token = drawTokenNotIn(body.toLowerCase(Locale.ROOT));
        StringBuilder sb = new StringBuilder(body.length() + 100);
        sb.append("::stop-commands::").append(token).append(NL);
        if (!body.isEmpty()) {
            sb.append(body);
            if (!body.endsWith(NL)) {
                sb.append(NL);
            }
        }
        sb.append("::").append(token).append("::").append(NL);
        emit(sb.toString());
    }

    /** Prints one line of the caller's own text; refuses text that the runner would parse as a command. */
    public void echo(String ownText) {
        String line = ownText == null ? "" : ownText;
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0 || line.stripLeading().startsWith("::")
                || line.contains("##[")) {
            throw new IllegalArgumentException("not a plain single log line; use echoUntrusted for such text");
        }
        emit(line + NL);
    }

    private String drawTokenNotIn(String lowerCaseText) {
        for (int i = 0; i < MAX_TOKEN_DRAWS; i++) {
            String token = stopTokens.get();
            if (token != null && token.length() >= 16 && token.chars().allMatch(WorkflowCommands::isTokenChar)
                    && !lowerCaseText.contains(token.toLowerCase(Locale.ROOT))) {
                return token;
            }
        }
        throw new IllegalStateException("could not draw a stop-commands token that is absent from the text");
    }

    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static Integer positive(Integer n) {
        return n != null && n > 0 ? n : null;
    }

    private void emit(String s) {
        out.print(s);
        out.flush();
    }
}
