package dev.copilotci.runner.github;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The GitHub Actions context a step sees in its environment, read from a plain map so the logic never touches
 * {@code System.getenv()} and tests can describe any situation. Blank variables count as absent.
 * Deliberately holds no token: records print all their components.
 */
public record GithubEnvironment(
        boolean githubActions,
        Path outputFile,
        Path stepSummaryFile,
        String eventName,
        Path eventPath,
        String repository,
        URI apiUrl,
        URI serverUrl,
        String runId,
        String runAttempt,
        String job,
        String workflow,
        Path workspace,
        String sha) {

    public static final URI DEFAULT_API_URL = URI.create("https://api.github.com");
    public static final URI DEFAULT_SERVER_URL = URI.create("https://github.com");

    private static final Set<String> PULL_REQUEST_EVENTS = Set.of("pull_request", "pull_request_target");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");

    public GithubEnvironment {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(serverUrl, "serverUrl");
    }

    /** Whether {@code GITHUB_REPOSITORY} is an {@code owner/name} that may be put into an API path. */
    public boolean hasValidRepository() {
        return repository != null && REPOSITORY.matcher(repository).matches();
    }

    /** The same run with another event (a review a comment asked for runs as its pull request's event). */
    public GithubEnvironment withEvent(String otherEventName, Path otherEventPath) {
        return new GithubEnvironment(githubActions, outputFile, stepSummaryFile, otherEventName, otherEventPath,
                repository, apiUrl, serverUrl, runId, runAttempt, job, workflow, workspace, sha);
    }

    /** Reads the variables the runner sets for every step; unknown or blank values become {@code null}. */
    public static GithubEnvironment from(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        return new GithubEnvironment(
                "true".equalsIgnoreCase(trimmed(env, "GITHUB_ACTIONS")),
                path(env, "GITHUB_OUTPUT"),
                path(env, "GITHUB_STEP_SUMMARY"),
                trimmed(env, "GITHUB_EVENT_NAME"),
                path(env, "GITHUB_EVENT_PATH"),
                trimmed(env, "GITHUB_REPOSITORY"),
                uri(env, "GITHUB_API_URL", DEFAULT_API_URL),
                uri(env, "GITHUB_SERVER_URL", DEFAULT_SERVER_URL),
                trimmed(env, "GITHUB_RUN_ID"),
                trimmed(env, "GITHUB_RUN_ATTEMPT"),
                trimmed(env, "GITHUB_JOB"),
                trimmed(env, "GITHUB_WORKFLOW"),
                path(env, "GITHUB_WORKSPACE"),
                trimmed(env, "GITHUB_SHA"));
    }

    public Optional<Path> output() {
        return Optional.ofNullable(outputFile);
    }

    public Optional<Path> stepSummary() {
        return Optional.ofNullable(stepSummaryFile);
    }

    /** True for the events on which this action may post to a pull request. */
    public boolean isPullRequestEvent() {
        return eventName != null && PULL_REQUEST_EVENTS.contains(eventName);
    }

    /** Link to this run (and attempt) in the web UI, when the runner told us enough to build one. */
    public Optional<URI> runUrl() {
        if (repository == null || runId == null || !runId.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        String base = stripTrailingSlash(serverUrl.toString()) + "/" + repository + "/actions/runs/" + runId;
        if (runAttempt != null && runAttempt.chars().allMatch(Character::isDigit)) {
            base += "/attempts/" + runAttempt;
        }
        try {
            return Optional.of(URI.create(base));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A stable key for the sticky pull-request comment of this workflow job, restricted to characters that are safe
     * inside an HTML comment marker.
     */
    public String defaultStickyKey() {
        String raw = (workflow == null ? "" : workflow) + "/" + (job == null ? "" : job);
        String key = raw.replaceAll("[^A-Za-z0-9._/-]+", "-").replaceAll("-{2,}", "-");
        key = key.replaceAll("^[-/]+|[-/]+$", "");
        if (key.isEmpty()) {
            return "copilot-ci";
        }
        return key.length() > 64 ? key.substring(0, 64) : key;
    }

    private static String trimmed(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.strip();
    }

    private static Path path(Map<String, String> env, String name) {
        String value = trimmed(env, name);
        if (value == null) {
            return null;
        }
        try {
            return Path.of(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static URI uri(Map<String, String> env, String name, URI fallback) {
        String value = trimmed(env, name);
        if (value == null) {
            return fallback;
        }
        try {
            URI uri = new URI(stripTrailingSlash(value));
            String scheme = uri.getScheme();
            if (uri.getHost() == null || scheme == null
                    || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
                return fallback;
            }
            return uri;
        } catch (Exception e) {
            return fallback;
        }
    }

    static String stripTrailingSlash(String s) {
        String r = s;
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
