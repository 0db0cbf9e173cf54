package dev.copilotci.runner;

import dev.copilotci.client.ProcessTree;
import dev.copilotci.job.GitCommand;
import dev.copilotci.job.JobInputs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code git diff <base>...HEAD} in the workspace, bounded in time; failures say how to make the base available. */
final class GitDiff {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);
    /** For the quick ancestry check; a repository where it takes longer gets the whole diff reviewed. */
    static final Duration ANCESTRY_TIMEOUT = Duration.ofSeconds(20);

    /**
     * What to review: only {@code lastReviewed..head} when the last reviewed head is an ancestor of the pull
     * request's head (new commits pushed on top), else ({@code git merge-base --is-ancestor} says no, the commit is
     * unknown after a force-push, or git fails or times out) the whole {@code base...HEAD}. The head is the event's
     * head commit when the workspace has it: {@code actions/checkout} checks out the merge commit of a pull request,
     * and diffing up to that would show what the base branch gained since as if the pull request had changed it.
     *
     * @param lastReviewed the head SHA our last report recorded, if any
     * @param head         the pull request's head SHA from the event, if any
     *                     (anything but a full lower-case hex SHA is ignored in both: it must never reach git as an
     *                     option or a revision expression)
     * @param tip          {@code HEAD}, or the pull request's head fetched as data for a review a comment asked for
     *                     ({@link PullRequestHead}), never checked out
     */
    static String range(String base, String tip, Optional<String> lastReviewed, Optional<String> head,
            GitCommand git) {
        String whole = base + "..." + tip;
        if (lastReviewed.isEmpty() || !GitCommand.isCommitSha(lastReviewed.get())) {
            return whole;
        }
        String right = tip;
        try {
            if (head.isPresent() && GitCommand.isCommitSha(head.get())) {
                git.run(List.of("cat-file", "-e", head.get() + "^{commit}"));
                right = head.get();
            }
        } catch (IOException e) {
            // not fetched: compare with the checked-out commit
        }
        try {
            git.run(List.of("merge-base", "--is-ancestor", lastReviewed.get(), right));
            return lastReviewed.get() + ".." + right;
        } catch (IOException e) {
            return whole; // exit 1: not an ancestor (force-push); 128: unknown commit; or a timeout
        }
    }

    private GitDiff() {
    }

    /** {@code git diff RANGE} where RANGE is {@code base...HEAD} or {@code sha..HEAD} from {@link #range}. */
    static String of(String base, String range, Path workspace) throws IOException {
        if (base.startsWith("-")) {
            throw new UsageException("--base must be a git ref, not an option: '" + base + "'");
        }
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(GitCommand.diffArgs(range));
        Process p = new ProcessBuilder(command).directory(workspace.toFile()).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = readAll(p.getInputStream(), JobInputs.DIFF_BYTES, p);
        CompletableFuture<byte[]> err = readAll(p.getErrorStream(), 64 * 1024, p);
        try {
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                ProcessTree.terminate(p, STOP_GRACE); // git and anything it started
                throw new IOException("git diff did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            byte[] diff = out.get(5, TimeUnit.SECONDS);
            if (diff == null) { // the reader stopped git at the cap
                throw new UsageException("git diff " + range + " is larger than " + JobInputs.DIFF_BYTES
                        / (1024 * 1024) + " MiB: review a narrower range (a closer --base) or pass a filtered --diff-file");
            }
            if (p.exitValue() != 0) {
                byte[] said = err.get(5, TimeUnit.SECONDS);
                String why = said == null ? "" : InputFiles.decode(said).strip();
                throw new UsageException("git diff " + range + " failed: " + why + ". Make the base available"
                        + " (actions/checkout with fetch-depth: 0, or git fetch origin) or pass --diff-file.");
            }
            return InputFiles.decode(diff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.terminate(p, STOP_GRACE); // git and anything it started
            throw new IOException("interrupted while running git diff", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("reading git diff output failed: " + e.getMessage(), e);
        }
    }

    /** At most {@code cap} bytes; {@code null} (and the process stopped) when there is more. */
    private static CompletableFuture<byte[]> readAll(InputStream in, int cap, Process p) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                byte[] bytes = in.readNBytes(cap);
                if (in.read() >= 0) {
                    ProcessTree.terminate(p, STOP_GRACE); // git and anything it started
                    return null;
                }
                return bytes;
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }
}
