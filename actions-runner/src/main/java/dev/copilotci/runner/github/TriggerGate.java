package dev.copilotci.runner.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.job.GitCommand;
import dev.copilotci.job.LocalGit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides, before any Copilot work, whether this GitHub Actions run may go ahead. Events that anyone can cause on a
 * public repository and that run with the base repository's secrets and a write token ({@code pull_request_target},
 * {@code issue_comment}, {@code pull_request_review_comment}, {@code pull_request_review}) run only for an author
 * whose {@code author_association} is allowed, and for bots only when listed by name. Under
 * {@code pull_request_target} the fork's code must not be in the workspace (the model reads it with the job's
 * secrets around) unless the workflow explicitly accepts that.
 *
 * <p>Settings come from the environment (the action maps its inputs there): {@value #ALLOWED_ASSOCIATIONS_ENV},
 * {@value #ALLOWED_BOTS_ENV}, {@value #ALLOW_UNTRUSTED_CHECKOUT_ENV}.
 */
public final class TriggerGate {

    public static final String ALLOWED_ASSOCIATIONS_ENV = "COPILOT_CI_ALLOWED_ASSOCIATIONS";
    public static final String ALLOWED_BOTS_ENV = "COPILOT_CI_ALLOWED_BOTS";
    public static final String ALLOW_UNTRUSTED_CHECKOUT_ENV = "COPILOT_CI_ALLOW_UNTRUSTED_CHECKOUT";
    static final List<String> DEFAULT_ASSOCIATIONS = List.of("OWNER", "MEMBER", "COLLABORATOR");
    /** The values GitHub documents for {@code author_association}. */
    static final Set<String> KNOWN_ASSOCIATIONS = Set.of("OWNER", "MEMBER", "COLLABORATOR", "CONTRIBUTOR",
            "FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER", "MANNEQUIN", "NONE");
    private static final Duration GIT_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern SEPARATOR = Pattern.compile("[,\\s]+");

    /** What the runner does: go ahead, end successfully without doing anything, or fail. */
    public enum Verdict { RUN, SKIP, REFUSE }

    /** @param message our own text (no payload text except sanitized logins), for a notice or an error */
    public record Decision(Verdict verdict, String message) {
        static Decision run() {
            return new Decision(Verdict.RUN, "");
        }
    }

    /** Where the author and the association of each gated event are in its payload. */
    private record Gated(String object, String description) {
    }

    private static final Map<String, Gated> GATED_EVENTS = Map.of(
            "pull_request_target", new Gated("pull_request", "the pull request's author"),
            "issue_comment", new Gated("comment", "the comment's author"),
            "pull_request_review_comment", new Gated("comment", "the review comment's author"),
            "pull_request_review", new Gated("review", "the review's author"));

    private final GithubEnvironment github;
    private final Map<String, String> env;
    private final Path workingDirectory;

    /**
     * @param github           the step's GitHub context (event name and payload path)
     * @param env              where the settings are read ({@value #ALLOWED_ASSOCIATIONS_ENV} etc.)
     * @param workingDirectory the checkout the model works in
     */
    public TriggerGate(GithubEnvironment github, Map<String, String> env, Path workingDirectory) {
        this.github = Objects.requireNonNull(github, "github");
        this.env = Objects.requireNonNull(env, "env");
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    public Decision decide() {
        Set<String> associations;
        Set<String> bots;
        boolean allowUntrustedCheckout;
        try {
            associations = associations(env.get(ALLOWED_ASSOCIATIONS_ENV));
            bots = bots(env.get(ALLOWED_BOTS_ENV));
            allowUntrustedCheckout = flag(env.get(ALLOW_UNTRUSTED_CHECKOUT_ENV));
        } catch (IllegalArgumentException e) {
            return new Decision(Verdict.REFUSE, e.getMessage());
        }
        String event = github.eventName();
        Gated gated = event == null ? null : GATED_EVENTS.get(event);
        if (gated == null) {
            return Decision.run(); // push, pull_request (fork PRs get no secrets there), workflow_dispatch, ...
        }
        JsonNode payload;
        try {
            if (github.eventPath() == null) {
                throw new IOException("GITHUB_EVENT_PATH is not set");
            }
            payload = new ObjectMapper().readTree(Files.readString(github.eventPath()));
        } catch (IOException | RuntimeException e) {
            return new Decision(Verdict.REFUSE, "cannot read the " + event + " event payload (GITHUB_EVENT_PATH), so"
                    + " cannot tell who triggered this run; refusing to run");
        }
        JsonNode subject = payload == null ? null : payload.get(gated.object());
        if (subject == null || !subject.isObject()) {
            return new Decision(Verdict.REFUSE, "the " + event + " event payload has no " + gated.object()
                    + " object, so cannot tell who triggered this run; refusing to run");
        }
        JsonNode user = subject.path("user");
        String login = user.path("login").asText("");
        String shown = login.isEmpty() ? "an unknown user" : sanitize(login);
        boolean bot = login.toLowerCase(Locale.ROOT).endsWith("[bot]") || "Bot".equals(user.path("type").asText(""));
        if (bot) {
            if (!bots.contains(botName(login))) {
                return new Decision(Verdict.SKIP, "skipped: " + gated.description() + " " + shown + " is a bot, and"
                        + " bots run this action only when listed in the allowed-bots input (now: "
                        + (bots.isEmpty() ? "none" : String.join(",", bots)) + "). To allow it, add " + shown
                        + " to allowed-bots.");
            }
        } else {
            String association = subject.path("author_association").asText("NONE").toUpperCase(Locale.ROOT);
            if (!associations.contains(association)) {
                return new Decision(Verdict.SKIP, "skipped: " + gated.description() + " " + shown
                        + " has author_association " + sanitize(association) + " on " + event + ", which is not in"
                        + " the allowed-associations input (" + String.join(",", associations) + "). To allow it,"
                        + " add " + sanitize(association) + " to allowed-associations; only do that if you trust"
                        + " everyone with it, as this run has the repository's secrets and a write token.");
            }
        }
        if (event.equals("pull_request_target") && !allowUntrustedCheckout) {
            Optional<String> why = forkCodeCheckedOut(payload);
            if (why.isPresent()) {
                return new Decision(Verdict.REFUSE, why.get());
            }
        }
        return Decision.run();
    }

    /**
     * Why the workspace holds the fork's code: its HEAD is the pull request's head commit, or (a checkout of the
     * merge ref) contains it. Empty for same-repository pull requests and for base-branch checkouts.
     */
    private Optional<String> forkCodeCheckedOut(JsonNode payload) {
        JsonNode pr = payload.path("pull_request");
        String headRepo = pr.path("head").path("repo").path("full_name").asText("");
        String baseRepo = payload.path("repository").path("full_name").asText(
                pr.path("base").path("repo").path("full_name").asText(""));
        String headSha = pr.path("head").path("sha").asText("").toLowerCase(Locale.ROOT);
        if (!headRepo.isEmpty() && headRepo.equalsIgnoreCase(baseRepo)) {
            return Optional.empty();
        }
        if (!GitCommand.isCommitSha(headSha)) {
            return Optional.empty(); // nothing to compare with; a deleted fork's head cannot be fetched either
        }
        Optional<String> head = git("rev-parse", "--verify", "--quiet", "HEAD^{commit}");
        // A checkout of refs/pull/N/merge is a merge commit that contains the head (once merged, it is base code).
        boolean checkedOut = head.map(h -> h.strip().equalsIgnoreCase(headSha)).orElse(false)
                || !pr.path("merged").asBoolean(false)
                && git("merge-base", "--is-ancestor", headSha, "HEAD").isPresent();
        if (!checkedOut) {
            return Optional.empty();
        }
        return Optional.of("refusing to run: under pull_request_target the workspace holds the fork's code (commit "
                + headSha.substring(0, 12) + " of " + (headRepo.isEmpty() ? "a deleted fork" : sanitize(headRepo))
                + "), and this job has the repository's secrets and a write token, so the model would read"
                + " attacker-controlled files next to them. Check out the base branch and review a diff file instead"
                + " (see \"Safe workflows\" in the action's README), use the pull_request event, or set"
                + " allow-untrusted-checkout: true if you accept the risk.");
    }

    /** Runs git in the working directory; its output when it exits 0 in time, else empty. */
    private Optional<String> git(String... args) {
        try {
            return Optional.of(new LocalGit(workingDirectory, GIT_TIMEOUT).run(List.of(args)));
        } catch (IOException e) {
            return Optional.empty(); // no git, not a repository, or too slow: nothing checked out by git
        }
    }

    static Set<String> associations(String raw) {
        if (raw == null || raw.isBlank()) {
            return new LinkedHashSet<>(DEFAULT_ASSOCIATIONS);
        }
        Set<String> result = new LinkedHashSet<>();
        for (String part : SEPARATOR.split(raw.strip())) {
            String a = part.toUpperCase(Locale.ROOT);
            if (!KNOWN_ASSOCIATIONS.contains(a)) {
                throw new IllegalArgumentException("input allowed-associations: unknown association '"
                        + sanitize(part) + "' (use " + String.join(", ", KNOWN_ASSOCIATIONS.stream().sorted().toList())
                        + ")");
            }
            result.add(a);
        }
        return result;
    }

    static Set<String> bots(String raw) {
        Set<String> result = new LinkedHashSet<>();
        if (raw != null && !raw.isBlank()) {
            for (String part : SEPARATOR.split(raw.strip())) {
                result.add(botName(part));
            }
        }
        return result;
    }

    /** A bot's login as listed: lower case, with the "[bot]" suffix GitHub shows, whether or not it was written. */
    private static String botName(String login) {
        String name = login.toLowerCase(Locale.ROOT);
        return name.endsWith("[bot]") ? name : name + "[bot]";
    }

    private static boolean flag(String raw) {
        String v = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "false" -> false;
            case "true" -> true;
            default -> throw new IllegalArgumentException("input allow-untrusted-checkout must be true or false");
        };
    }

    /** Payload text shown in a message: only characters a login or repository name can have. */
    private static String sanitize(String s) {
        String t = s.length() > 100 ? s.substring(0, 100) : s;
        return t.replaceAll("[^A-Za-z0-9_.\\[\\]/-]", "?");
    }
}
