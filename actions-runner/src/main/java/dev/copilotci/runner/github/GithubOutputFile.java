package dev.copilotci.runner.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Appends step outputs to the file named by {@code $GITHUB_OUTPUT}.
 *
 * <p>Single-line values use {@code name=value}; anything with a line break uses the heredoc form
 * {@code name<<DELIM} ... {@code DELIM} with a fresh 128-bit random delimiter per value, re-drawn if it occurs in
 * the value. A fixed delimiter such as {@code EOF} would let model text end the value early and forge further
 * outputs (run-gemini-cli).
 */
public final class GithubOutputFile {

    /** Output names as action.yml can reference them; no {@code =}, {@code <<} or line breaks possible. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,99}");
    private static final int MAX_DELIMITER_DRAWS = 100;

    private final Path file;
    private final Supplier<String> randomPart;

    public GithubOutputFile(Path file) {
        this(file, SecureTokens::randomHex128);
    }

    /** For tests: the source of the random part of each delimiter. */
    GithubOutputFile(Path file, Supplier<String> randomPart) {
        this.file = Objects.requireNonNull(file, "file");
        this.randomPart = Objects.requireNonNull(randomPart, "randomPart");
    }

    public Path file() {
        return file;
    }

    /** Appends one output. */
    public void set(String name, String value) throws IOException {
        append(entry(name, value));
    }

    /** Appends several outputs with a single write, in iteration order. */
    public void setAll(Map<String, String> outputs) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new LinkedHashMap<>(outputs).entrySet()) {
            sb.append(entry(e.getKey(), e.getValue()));
        }
        append(sb.toString());
    }

    /** The exact text {@link #set} appends for one output. */
    String entry(String name, String value) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid output name: must match " + NAME.pattern());
        }
        String v = value == null ? "" : value;
        if (v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return name + "=" + v + "\n";
        }
        String delimiter = delimiterNotIn(v);
        return name + "<<" + delimiter + "\n" + v + "\n" + delimiter + "\n";
    }

    private String delimiterNotIn(String value) {
        for (int i = 0; i < MAX_DELIMITER_DRAWS; i++) {
            String random = randomPart.get();
            if (random == null || random.length() < 16) {
                continue;
            }
            String delimiter = "ghadelimiter_" + random;
            if (!value.contains(delimiter)) {
                return delimiter;
            }
        }
        throw new IllegalStateException("could not draw an output delimiter that is absent from the value");
    }

    private void append(String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
}
