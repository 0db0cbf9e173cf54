package dev.copilotci.runner;

import dev.copilotci.job.GitCommand;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A pull request's head brought into the workspace's repository as data, for a review a comment asked for: its
 * commits are fetched into a ref of our own ({@code refs/copilot-ci/pull/N/head}) and read with {@code git diff};
 * nothing is ever checked out, so the working tree, {@code HEAD}, hooks and build files stay the base checkout's.
 * The fetch takes no tags and no submodules (the head's {@code .gitmodules} is the author's).
 *
 * @param head the head commit as fetched (the pull request's head may have moved since the API answered)
 * @param base the base commit the pull request is compared with
 */
record PullRequestHead(String head, String base) {
    private static final List<String> FETCH = List.of("fetch", "--no-tags", "--no-recurse-submodules", "--quiet",
            "origin");

    /** Our own ref for pull request {@code number}'s head: built from the number, never from the payload's text. */
    static String localRef(int number) {
        return "refs/copilot-ci/pull/" + number + "/head";
    }

    /**
     * Fetches pull request {@code number}'s head ({@code refs/pull/N/head}, GitHub's ref for every pull request,
     * forks included) and, unless the repository has it, the base commit.
     *
     * @param headSha the head the API named (for a note when the fetched head differs)
     * @param baseSha the base commit the API named (a full SHA: it reaches git as a revision only)
     */
    static PullRequestHead fetch(GitCommand git, int number, String headSha, String baseSha, Consumer<String> progress)
            throws IOException {
        if (number < 1 || !GitCommand.isCommitSha(baseSha)) {
            throw new IllegalArgumentException("a pull request number and a base SHA are required");
        }
        String ref = localRef(number);
        git.run(concat(FETCH, "+refs/pull/" + number + "/head:" + ref));
        String head = git.run(List.of("rev-parse", "--verify", "--quiet", ref + "^{commit}")).strip();
        if (!GitCommand.isCommitSha(head)) {
            throw new IOException("the fetched head of pull request #" + number + " is not a commit");
        }
        if (!head.equals(headSha)) {
            progress.accept("pull request #" + number + " moved on since the API answered: reviewing " + head);
        }
        try {
            git.run(List.of("cat-file", "-e", baseSha + "^{commit}"));
        } catch (IOException absent) {
            git.run(concat(FETCH, baseSha));
        }
        return new PullRequestHead(head, baseSha);
    }

    private static List<String> concat(List<String> args, String last) {
        return java.util.stream.Stream.concat(args.stream(), java.util.stream.Stream.of(last)).toList();
    }
}
