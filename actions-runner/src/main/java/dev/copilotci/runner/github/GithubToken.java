package dev.copilotci.runner.github;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A GitHub API token. Kept out of records and never rendered: {@link #toString()} is redacted so the value cannot
 * reach a log line by accident.
 */
public final class GithubToken {

    /** Looked up in this order; the action passes its {@code github-token} input as {@code GITHUB_TOKEN}. */
    public static final List<String> ENV_NAMES = List.of("GITHUB_TOKEN", "GH_TOKEN");

    private final String value;

    private GithubToken(String value) {
        this.value = value;
    }

    public static GithubToken of(String value) {
        Objects.requireNonNull(value, "value");
        String v = value.strip();
        if (v.isEmpty() || v.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("a GitHub token must be non-empty printable ASCII without spaces");
        }
        return new GithubToken(v);
    }

    /** The first non-blank, well-formed token among {@link #ENV_NAMES}. */
    public static Optional<GithubToken> fromEnvironment(Map<String, String> env) {
        for (String name : ENV_NAMES) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                try {
                    return Optional.of(of(v));
                } catch (IllegalArgumentException e) {
                    // Skip malformed values rather than echoing them anywhere.
                }
            }
        }
        return Optional.empty();
    }

    /** The secret itself; only for the Authorization header and for {@code ::add-mask::}. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "GithubToken[redacted]";
    }
}
