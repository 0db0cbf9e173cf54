package dev.copilotci.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.copilotci.client.TurnResult;
import dev.copilotci.client.Usage;
import java.time.Duration;
import dev.copilotci.job.ParsedReview;
import dev.copilotci.job.ReviewFinding;
import dev.copilotci.job.ReviewTask;
import dev.copilotci.job.FindingsThreshold;
import dev.copilotci.job.JobInputs;
import dev.copilotci.job.LocalGit;
import dev.copilotci.job.ReviewScope;
import dev.copilotci.runner.github.PostMode;
import dev.copilotci.runner.github.PostResult;
import dev.copilotci.runner.github.PullRequestPoster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * {@code review}: asks for structured findings on a diff, parses them robustly (plain text if the model ignores the
 * format), checks each location against the diff, writes the findings JSON and reports them.
 * Exit code 3 when {@code --fail-on} is given and a finding reaches that severity.
 */
final class ReviewCommand {
    static final int EXIT_FINDINGS = 3;
    /** For {@code git rev-parse}: instant on any checkout; bounded like every wait. */
    private static final Duration GIT_TIMEOUT = Duration.ofSeconds(30);

    private ReviewCommand() {
    }

    /**
     * What one review produced, for a caller that reports it again (a reply to the comment that asked for it).
     *
     * @param findings what the model found (cleaned and masked)
     * @param said     the scope line: range, files, model, outcome
     * @param commentary the model's words besides the findings
     * @param posted   what posting to the pull request did, if anything was to be posted
     */
    record Reviewed(List<ReviewFinding> findings, String said, String commentary, Optional<PostResult> posted) {
    }

    static int run(RunContext ctx) throws IOException {
        RunnerOptions o = ctx.options();
        if ((o.review().diffFile() == null) == (o.base() == null)) {
            throw new UsageException("review needs exactly one of --diff-file FILE or --base REF (e.g. origin/main)");
        }
        Optional<FindingsThreshold> failOn;
        try {
            failOn = FindingsThreshold.parse(o.review().failOn(), "--fail-on");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Reviewed reviewed = o.review().diffFile() == null ? reviewCommits(ctx, "HEAD")
                : review(ctx, InputFiles.read(o.review().diffFile(), ctx.in(), "--diff-file", ctx.workingDirectory(),
                        JobInputs.DIFF_BYTES), files -> ReviewScope.ofDiffFile(o.review().diffFile().toString(), files));
        Optional<String> verdict = failOn.flatMap(t -> t.verdict(reviewed.findings(), "failing (--fail-on)"));
        if (verdict.isPresent()) {
            ctx.err().println("copilot-runner: " + verdict.get());
            return EXIT_FINDINGS;
        }
        return 0;
    }

    /**
     * Reviews {@code --base...tip} and reports it: {@code tip} is {@code HEAD} for the {@code review} command, a
     * pull request's head fetched as data for a {@code /copilot review} comment. Only the commits since our last
     * review when posting reviews ({@link #range}).
     */
    static Reviewed reviewCommits(RunContext ctx, String tip) throws IOException {
        String base = ctx.options().base();
        String rawDiff = GitDiff.of(base, range(ctx, tip), ctx.workingDirectory());
        return review(ctx, rawDiff, files -> ReviewScope.ofCommits(new LocalGit(ctx.workingDirectory(), GIT_TIMEOUT),
                base, tip, files));
    }

    private static Reviewed review(RunContext ctx, String rawDiff, IntFunction<ReviewScope> scopeOf)
            throws IOException {
        RunnerOptions o = ctx.options();
        Path findingsFile = o.review().findingsFile() != null ? o.review().findingsFile()
                : ctx.workingDirectory().resolve("copilot-findings.json");
        Optional<ReviewTask> task = ReviewTask.of(rawDiff);
        ReviewScope scope = scopeOf.apply(task.map(ReviewTask::fileCount).orElse(0));
        if (task.isEmpty()) {
            ctx.progress("the diff is empty: nothing to review");
            String none = "No changes to review.";
            writeFindings(findingsFile, new ParsedReview(List.of(), true, none));
            TurnResult nothing = new TurnResult("", null, none, Usage.NONE, Duration.ZERO, null);
            String said = scope.describe(null, 0);
            Optional<PostResult> posted = new ResultPublisher(ctx).publish(new RunReport("Copilot review", none,
                    none, nothing, List.of(), findingsFile.toAbsolutePath(), said));
            return new Reviewed(List.of(), said, none, posted);
        }
        task.get().notes().forEach(n -> ctx.progress("diff: " + n));
        // Read before the engine starts: an empty diff needs no model, no key and no CLI (fork PRs get no secrets).
        TurnResult result = PromptRunner.run(ctx, () -> task.get().prompt(), List.of());
        // The answer is already cleaned and masked (job layer); the findings parsed from it pass the boundary again
        // (JSON escapes): the findings file, annotations and PR comments all derive from them.
        ParsedReview parsed = task.get().interpret(result.content(), ctx.output());
        List<ReviewFinding> findings = parsed.findings();
        writeFindings(findingsFile, parsed);
        ctx.progress(findings.size() + " finding(s)" + (parsed.structured() ? "" : " (the answer was not structured;"
                + " reported as text)") + "; written to " + findingsFile);
        String model = result.usage().model() != null ? result.usage().model() : o.model();
        String said = scope.describe(model, findings.size());
        ctx.progress(said);
        Optional<PostResult> posted = new ResultPublisher(ctx).publish(new RunReport("Copilot review",
                readable(parsed.commentary(), findings), parsed.commentary(), result, findings,
                findingsFile.toAbsolutePath(), said));
        return new Reviewed(findings, said, parsed.commentary(), posted);
    }

    /**
     * {@code base...tip}, or only the commits pushed since our last review ({@link GitDiff#range}) when posting
     * reviews: their inline comments stay on the pull request, so a review of the new commits adds to them (and
     * repeats none, see {@link PullRequestPoster}). A sticky comment replaces itself, so it always reviews the whole
     * diff and lists all findings.
     */
    private static String range(RunContext ctx, String tip) {
        RunnerOptions o = ctx.options();
        PostMode mode;
        try {
            mode = PostMode.parse(o.post());
        } catch (IllegalArgumentException e) {
            return o.base() + "..." + tip; // reported as a usage error when the result is published
        }
        if (mode != PostMode.REVIEW || o.base().startsWith("-")) {
            return o.base() + "..." + tip;
        }
        PullRequestPoster poster = ctx.pullRequestPoster();
        Optional<String> last = poster.lastReviewedHead(mode, ctx.github().defaultStickyKey());
        String range = GitDiff.range(o.base(), tip, last, poster.eventHead(),
                new LocalGit(ctx.workingDirectory(), GitDiff.ANCESTRY_TIMEOUT));
        if (!range.startsWith(o.base() + "...")) {
            ctx.progress("reviewing only the commits since the last review: " + range);
        } else if (last.isPresent()) {
            ctx.progress("the last reviewed commit is not an ancestor of HEAD (force-push?): reviewing " + range);
        }
        return range;
    }

    /** Commentary, then one line per finding: what a person reads in the log. */
    static String readable(String commentary, List<ReviewFinding> findings) {
        StringBuilder sb = new StringBuilder(commentary == null ? "" : commentary.strip());
        if (!findings.isEmpty()) {
            sb.append(sb.length() > 0 ? "\n\n" : "").append("Findings (").append(findings.size()).append("):");
            for (ReviewFinding f : findings) {
                sb.append("\n- [").append(f.severity().label()).append("] ").append(f.file() == null ? "?" : f.file());
                if (f.line() > 0) {
                    sb.append(':').append(f.line());
                }
                sb.append(f.inDiff() ? "" : " (not in the diff)").append(" — ").append(f.message());
            }
        } else if (sb.length() == 0) {
            sb.append("No findings.");
        }
        return sb.toString();
    }

    private static void writeFindings(Path file, ParsedReview review) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("structured", review.structured());
        doc.put("commentary", review.commentary());
        doc.put("findings", review.findings().stream().map(ReviewFinding::toMap).toList());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }
}
