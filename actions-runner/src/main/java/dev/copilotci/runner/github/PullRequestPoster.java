package dev.copilotci.runner.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.copilotci.job.MarkdownFence;
import dev.copilotci.job.ReviewFinding;
import dev.copilotci.client.text.UntrustedText;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Posts a run's report to the pull request of a {@code pull_request}/{@code pull_request_target} event through the
 * GitHub REST API: either one sticky issue comment, found by a hidden marker {@code <!-- copilot-ci:KEY -->} at the
 * start of its body and written by the token's own identity ({@link TokenIdentity}), updated in place, or a
 * review (event {@code COMMENT}, never {@code APPROVE}) with inline comments for the findings the diff model placed
 * in the diff ({@link ReviewFinding#inDiff()}) and everything else folded into the review body.
 *
 * <p>Posting is best effort: it never throws for HTTP or permission problems. Forks (read-only token), a missing
 * token and 403/404 answers give {@link PostResult.Outcome#SKIPPED}; other errors
 * {@link PostResult.Outcome#FAILED}. Every request has a timeout, all requests of one {@link #post} together
 * {@value #OVERALL_TIMEOUT_FACTOR} times that, and pagination is capped. Model text arrives cleaned and masked in
 * {@link ReportContent} (the job layer's boundary) and is escaped here with {@link MarkdownText}.
 */
public final class PullRequestPoster {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_PAGES = 30;
    /** All requests of one post() together get this many request timeouts. */
    static final int OVERALL_TIMEOUT_FACTOR = 4;
    static final int MAX_INLINE_COMMENTS = 50;
    /** GitHub rejects bodies above 65,536 characters; UTF-8 bytes are never fewer than UTF-16 chars. */
    static final int MAX_BODY_BYTES = 65_000;
    static final int MAX_INLINE_BODY_BYTES = 8_000;
    static final String LIMIT_NAME = "GitHub's comment size limit";

    private static final Pattern FINDING_HASH = Pattern.compile("([0-9a-f]{16}) -->\n");
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");
    private static final Pattern HEAD_MARKER_END = Pattern.compile("([0-9a-f]{40}|[0-9a-f]{64}) -->(?:\n|$)");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._/-]{1,64}");

    private final GithubEnvironment env;
    private final GithubToken token;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param env     the step's environment (event, repository, API URL)
     * @param token   token for the API, or {@code null} when none is available (posting is then skipped)
     * @param timeout per request (connect and response); one {@link #post} takes at most
     *                {@value #OVERALL_TIMEOUT_FACTOR} times this
     */
    public PullRequestPoster(GithubEnvironment env, GithubToken token, Duration timeout) {
        this(env, token, timeout, GithubApi.newHttpClient(timeout));
    }

    PullRequestPoster(GithubEnvironment env, GithubToken token, Duration timeout, HttpClient http) {
        this.env = Objects.requireNonNull(env, "env");
        this.token = token;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** The hidden marker that identifies this job's sticky comment. */
    public static String marker(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("sticky comment key must match " + KEY.pattern());
        }
        return "<!-- copilot-ci:" + key + " -->";
    }

    /**
     * The marker as written: with {@code head=SHA} (the pull request head this report is about) when the SHA is a
     * well-formed commit id, so that the next run can review only what was pushed since.
     */
    static String markerWithHead(String key, String headSha) {
        String plain = marker(key);
        if (headSha == null || !SHA.matcher(headSha).matches()) {
            return plain;
        }
        return plain.substring(0, plain.length() - " -->".length()) + " head=" + headSha.toLowerCase(Locale.ROOT)
                + " -->";
    }

    /**
     * Whether {@code body} starts with this key's marker (with or without a head): keys contain no space, so
     * another key cannot match. Says nothing about who wrote it; check {@link TokenIdentity#wrote} as well.
     */
    static boolean startsWithMarker(String body, String key) {
        String plain = marker(key);
        return body.startsWith(plain + "\n") || body.equals(plain) || headOf(body, key).isPresent();
    }

    /** The head SHA in this key's marker at the very start of {@code body}. */
    static Optional<String> headOf(String body, String key) {
        String plain = marker(key);
        String prefix = plain.substring(0, plain.length() - " -->".length()) + " head=";
        if (!body.startsWith(prefix)) {
            return Optional.empty();
        }
        Matcher m = HEAD_MARKER_END.matcher(body.substring(prefix.length()));
        return m.lookingAt() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The head SHA the last report of this job recorded in its marker: our own sticky comment ({@code comment}) or
     * our own latest review ({@code review}) on the pull request of this event. Empty when there is none, posting
     * is impossible (not a pull request event, no token, fork) or anything fails: the caller then reviews the
     * whole diff. Markers in comments or reviews by anyone else are ignored: they are plain text anyone can write.
     */
    public Optional<String> lastReviewedHead(PostMode mode, String key) {
        String plainMarker = marker(key);
        if (mode == null || mode == PostMode.NONE || !env.isPullRequestEvent() || token == null
                || !env.hasValidRepository()
                || GithubApi.unsafeTransport(env.apiUrl()).isPresent()) {
            return Optional.empty();
        }
        try {
            PullRequestRef pr = readPullRequest();
            if (pr == null || readOnlyToken(pr)) {
                return Optional.empty();
            }
            GithubApi api = new GithubApi(env.apiUrl(), token, http, timeout,
                    Instant.now().plus(timeout.multipliedBy(OVERALL_TIMEOUT_FACTOR)), json);
            String path = "/repos/" + env.repository() + (mode == PostMode.COMMENT
                    ? "/issues/" + pr.number() + "/comments?per_page=100"
                    : "/pulls/" + pr.number() + "/reviews?per_page=100");
            TokenIdentity self = null;
            String head = null;
            for (JsonNode item : api.getAll(path, MAX_PAGES)) {
                Optional<String> h = headOf(item.path("body").asText(""), key);
                if (h.isEmpty()) {
                    continue;
                }
                if (self == null) {
                    self = TokenIdentity.of(api);
                }
                if (self.wrote(item)) {
                    head = h.get(); // listed oldest first: the last one of ours is the latest report
                    if (mode == PostMode.COMMENT) {
                        break; // the sticky comment is the first of ours, as post() finds it
                    }
                }
            }
            return Optional.ofNullable(head);
        } catch (IOException | GithubApiException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The head SHA of this event's pull request, if the event is one and names it. */
    public Optional<String> eventHead() {
        if (!env.isPullRequestEvent()) {
            return Optional.empty();
        }
        try {
            PullRequestRef pr = readPullRequest();
            return pr == null || pr.headSha() == null || !SHA.matcher(pr.headSha()).matches() ? Optional.empty()
                    : Optional.of(pr.headSha().toLowerCase(Locale.ROOT));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A fork's {@code pull_request} run gets a read-only token: posting would only fail. {@code pull_request_target}
     * (and a comment's job, which reviews as one) runs in the base repository with its token, so it can post.
     */
    private boolean readOnlyToken(PullRequestRef pr) {
        return pr.fromFork() && "pull_request".equals(env.eventName());
    }

    /**
     * Posts according to {@code mode}.
     *
     * @param key identifies the sticky comment (e.g. {@link GithubEnvironment#defaultStickyKey()}); also marks
     *            reviews
     */
    public PostResult post(PostMode mode, String key, ReportContent content) {
        Objects.requireNonNull(mode, "mode");
        String marker = marker(key);
        if (mode == PostMode.NONE) {
            return PostResult.skipped("posting is off (--post none)");
        }
        if (!env.isPullRequestEvent()) {
            String event = env.eventName() == null ? "none" : env.eventName().replaceAll("[^A-Za-z0-9_]", "?");
            return PostResult.skipped("not a pull_request or pull_request_target event (event: " + event + ")");
        }
        if (token == null) {
            return PostResult.skipped("no GitHub token (pass the github-token input or set GITHUB_TOKEN)");
        }
        if (!env.hasValidRepository()) {
            return PostResult.failed("GITHUB_REPOSITORY is missing or malformed");
        }
        Optional<String> unsafe = GithubApi.unsafeTransport(env.apiUrl());
        if (unsafe.isPresent()) {
            return PostResult.failed(unsafe.get());
        }
        PullRequestRef pr;
        try {
            pr = readPullRequest();
        } catch (IOException e) {
            return PostResult.failed("cannot read the event payload (GITHUB_EVENT_PATH): "
                    + e.getClass().getSimpleName());
        }
        if (pr == null) {
            return PostResult.failed("the event payload has no pull_request number");
        }
        if (readOnlyToken(pr)) {
            return PostResult.skipped("pull request from a fork (" + safe(pr.headRepo())
                    + "); its token is read-only on pull_request, so nothing is posted");
        }
        GithubApi api = new GithubApi(env.apiUrl(), token, http, timeout,
                Instant.now().plus(timeout.multipliedBy(OVERALL_TIMEOUT_FACTOR)), json);
        String written = markerWithHead(key, pr.headSha());
        return mode == PostMode.COMMENT
                ? postComment(api, pr, key, written, content)
                : postReview(api, pr, marker, written, content);
    }

    private PostResult postComment(GithubApi api, PullRequestRef pr, String key, String marker,
            ReportContent content) {
        String body = marker + "\n" + ReportMarkdown.render(content, MAX_BODY_BYTES - marker.length() - 1,
                LIMIT_NAME, "Findings");
        String repo = "/repos/" + env.repository();
        return attempt(api, step -> {
            step.now("find out who the token writes as");
            TokenIdentity self = TokenIdentity.of(api);
            step.now("list the pull request comments");
            Long existing = null;
            for (JsonNode comment : api.getAll(repo + "/issues/" + pr.number() + "/comments?per_page=100",
                    MAX_PAGES)) {
                // Anyone can plant the marker first: only our own comment is ever edited.
                if (startsWithMarker(comment.path("body").asText(""), key) && self.wrote(comment)
                        && comment.path("id").canConvertToLong()) {
                    existing = comment.get("id").asLong();
                    break;
                }
            }
            ObjectNode payload = json.createObjectNode().put("body", body);
            if (existing != null) {
                step.now("update the sticky comment");
                JsonNode updated = api.call("PATCH", repo + "/issues/comments/" + existing, payload);
                return new PostResult(PostResult.Outcome.UPDATED, "sticky comment on pull request #" + pr.number(),
                        url(updated));
            }
            step.now("create the comment");
            JsonNode created = api.call("POST", repo + "/issues/" + pr.number() + "/comments", payload);
            return new PostResult(PostResult.Outcome.CREATED, "comment on pull request #" + pr.number(),
                    url(created));
        });
    }

    private PostResult postReview(GithubApi api, PullRequestRef pr, String marker, String written,
            ReportContent content) {
        String repo = "/repos/" + env.repository();
        return attempt(api, step -> {
            step.now("list the review comments");
            // The diff model decided where each finding points (DiffFiles.validate): inDiff with a line means the
            // line is in a hunk of the reviewed diff, the lines GitHub accepts for RIGHT-side comments. If the pull
            // request's diff differs, GitHub answers 422 and everything goes into the body below.
            Set<String> posted = postedFindingHashes(api, pr, repo, marker);
            List<ReviewFinding> inline = new ArrayList<>();
            List<ReviewFinding> folded = new ArrayList<>();
            int repeated = 0;
            for (ReviewFinding f : Findings.mostSevereFirst(content.findings())) {
                if (f.inDiff() && f.file() != null && f.line() > 0 && posted.contains(findingHash(f))) {
                    repeated++; // already an inline comment of ours on this line: not again
                } else if (f.inDiff() && f.file() != null && f.line() > 0 && inline.size() < MAX_INLINE_COMMENTS) {
                    inline.add(f);
                } else {
                    folded.add(f);
                }
            }
            step.now("create the review");
            try {
                JsonNode review = api.call("POST", repo + "/pulls/" + pr.number() + "/reviews",
                        reviewPayload(pr, marker, written, content, inline, folded));
                return new PostResult(PostResult.Outcome.CREATED, "review on pull request #" + pr.number() + " with "
                        + inline.size() + " inline comment(s)"
                        + (repeated > 0 ? ", " + repeated + " already commented before" : ""), url(review));
            } catch (GithubApiException e) {
                if (e.status() != 422 || inline.isEmpty()) {
                    throw e;
                }
            }
            // 422: typically "Line could not be resolved" (the diff moved on); keep everything in the body.
            List<ReviewFinding> all = new ArrayList<>(inline);
            all.addAll(folded);
            JsonNode review = api.call("POST", repo + "/pulls/" + pr.number() + "/reviews",
                    reviewPayload(pr, marker, written, content, List.of(), all));
            return new PostResult(PostResult.Outcome.CREATED, "review on pull request #" + pr.number()
                    + " (inline comments were rejected, findings are in the review body)", url(review));
        });
    }

    /** API calls of one post; they say in {@code step} what they are doing, for the error message. */
    @FunctionalInterface
    private interface Calls {
        PostResult run(Step step) throws GithubApiException, IOException, InterruptedException;
    }

    /** What the calls of one post are doing now. */
    private static final class Step {
        private String doing = "call the GitHub API";

        void now(String what) {
            doing = what;
        }
    }

    /** Runs {@code calls}; every failure becomes a {@link PostResult} naming the step it happened in. */
    private PostResult attempt(GithubApi api, Calls calls) {
        Step step = new Step();
        try {
            return calls.run(step);
        } catch (GithubApiException e) {
            return fromApiError(step.doing, e);
        } catch (IOException e) {
            return e instanceof HttpTimeoutException
                    ? PostResult.failed("GitHub did not answer in time (" + ReportMarkdown.duration(timeout)
                            + " per request) while trying to " + step.doing)
                    : PostResult.failed("could not " + step.doing + " (" + api.describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PostResult.failed("interrupted while trying to " + step.doing);
        }
    }

    private ObjectNode reviewPayload(PullRequestRef pr, String marker, String written, ReportContent content,
            List<ReviewFinding> inline, List<ReviewFinding> folded) {
        ReportContent bodyContent = content.withFindingsOnly(folded);
        String title = inline.isEmpty() ? "Findings" : "Findings outside the diff";
        String body = written + "\n" + ReportMarkdown.render(bodyContent, MAX_BODY_BYTES - written.length() - 1,
                LIMIT_NAME, title);
        ObjectNode payload = json.createObjectNode();
        if (pr.headSha() != null && SHA.matcher(pr.headSha()).matches()) {
            payload.put("commit_id", pr.headSha());
        }
        payload.put("body", body);
        payload.put("event", "COMMENT");
        ArrayNode comments = payload.putArray("comments");
        for (ReviewFinding f : inline) {
            String findingMarker = findingMarker(marker, f);
            String withSuggestion = inlineBody(f, true);
            boolean suggest = f.suggestion() != null
                    && MarkdownText.utf8Length(withSuggestion) + findingMarker.length() + 1 <= MAX_INLINE_BODY_BYTES;
            ObjectNode comment = comments.addObject().put("path", f.file());
            if (suggest && f.suggestion().startLine() < f.suggestion().endLine()) {
                // The suggestion replaces exactly the commented range (DiffFiles checked: one hunk, right side).
                comment.put("start_line", f.suggestion().startLine()).put("start_side", "RIGHT")
                        .put("line", f.suggestion().endLine());
            } else {
                comment.put("line", suggest ? f.suggestion().endLine() : f.line());
            }
            comment.put("side", "RIGHT");
            comment.put("body", findingMarker + "\n" + MarkdownText.truncateUtf8(
                    suggest ? withSuggestion : inlineBody(f, false), MAX_INLINE_BODY_BYTES - findingMarker.length() - 1));
        }
        return payload;
    }

    /** The inline comment's text without its marker; a suggestion block only when asked and present. */
    static String inlineBody(ReviewFinding f, boolean withSuggestion) {
        StringBuilder sb = new StringBuilder("**").append(f.severity().label()).append("**");
        if (f.title() != null) {
            sb.append(": ").append(MarkdownText.plain(f.title(), 200));
        }
        sb.append("\n\n").append(MarkdownText.block(f.message()));
        if (withSuggestion && f.suggestion() != null) {
            sb.append("\n\n").append(suggestionBlock(f.suggestion().replacement()));
        }
        return sb.toString();
    }

    /**
     * A GitHub suggestion block: the fence is longer than any backtick run in the replacement, so the model's text
     * cannot close it and continue as Markdown (GitHub accepts longer fences for suggestions).
     */
    static String suggestionBlock(String replacement) {
        String body = UntrustedText.forLog(replacement);
        String fence = MarkdownFence.fenceFor(body);
        return fence + "suggestion\n" + (body.isEmpty() ? "" : body + "\n") + fence;
    }

    /**
     * The hidden marker that starts each inline comment: the sticky key plus a hash of file, line and the
     * normalised title and message, so a later run can tell the finding was already posted. Recognised only at the
     * very start of a comment written by our own identity ({@link #postedFindingHashes}); model text comes later in
     * the body and cannot take that place.
     */
    static String findingMarker(String stickyMarker, ReviewFinding f) {
        String key = stickyMarker.substring("<!-- copilot-ci:".length(), stickyMarker.length() - " -->".length());
        return "<!-- copilot-ci:finding:" + key + ":" + findingHash(f) + " -->";
    }

    /** First 16 hex digits of SHA-256 over file, line, and title and message lower-cased with whitespace folded. */
    static String findingHash(ReviewFinding f) {
        String text = f.file() + "\n" + f.line() + "\n" + normalised(f.title()) + "\n" + normalised(f.message());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String normalised(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * Hashes of the findings our own identity already posted as inline comments on this pull request under this
     * key (bounded pagination). A comment by anyone else, or with the marker anywhere but at the start, counts
     * for nothing: the marker is plain text anyone can write.
     */
    private Set<String> postedFindingHashes(GithubApi api, PullRequestRef pr, String repo, String marker)
            throws GithubApiException, IOException, InterruptedException {
        String prefix = "<!-- copilot-ci:finding:" + marker.substring("<!-- copilot-ci:".length(),
                marker.length() - " -->".length()) + ":";
        List<JsonNode> comments;
        try {
            comments = api.getAll(repo + "/pulls/" + pr.number() + "/comments?per_page=100", MAX_PAGES);
        } catch (GithubApiException e) {
            if (e.status() == 403 || e.status() == 404) {
                return Set.of(); // cannot read them: post all, as before deduplication existed
            }
            throw e;
        }
        Set<String> hashes = new HashSet<>();
        TokenIdentity self = null;
        for (JsonNode comment : comments) {
            String body = comment.path("body").asText("");
            if (!body.startsWith(prefix)) {
                continue;
            }
            Matcher m = FINDING_HASH.matcher(body.substring(prefix.length()));
            if (!m.lookingAt()) {
                continue;
            }
            if (self == null) {
                self = TokenIdentity.of(api); // asked only when there is a candidate
            }
            if (self.wrote(comment)) {
                hashes.add(m.group(1));
            }
        }
        return hashes;
    }

    private PullRequestRef readPullRequest() throws IOException {
        if (env.eventPath() == null) {
            throw new IOException("GITHUB_EVENT_PATH is not set");
        }
        JsonNode event = json.readTree(Files.readString(env.eventPath()));
        return PullRequestRef.fromEvent(event).orElse(null);
    }

    private static PostResult fromApiError(String step, GithubApiException e) {
        String why = e.getMessage();
        return switch (e.status()) {
            case 403, 404 -> PostResult.skipped("no permission to " + step + " (" + why
                    + "); the job needs `permissions: pull-requests: write`");
            case 401 -> PostResult.failed("GitHub rejected the token while trying to " + step + " (" + why + ")");
            default -> PostResult.failed("could not " + step + " (" + why + ")");
        };
    }

    /** The answer's {@code html_url} when it is a plain http(s) link, else {@code null}. */
    static String url(JsonNode node) {
        String u = node == null ? null : node.path("html_url").asText(null);
        return u != null && u.matches("https?://[^\\s]+") ? u : null;
    }

    private static String safe(String s) {
        return s == null ? "deleted repository" : s.replaceAll("[^A-Za-z0-9_./-]", "?");
    }
}
