package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.job.GitCommand;
import dev.copilotci.job.LocalGit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Which commits a review covers, against a real repository: base, A (reviewed), then B pushed or a force-push. */
@Timeout(60)
class IncrementalReviewRangeTest {

    @TempDir
    Path repo;

    private LocalGit git;
    private String base;
    private String reviewedA;

    @BeforeEach
    void history() throws IOException {
        git = new LocalGit(repo, Duration.ofSeconds(30));
        git.run(List.of("init", "-q"));
        Files.writeString(repo.resolve("base.txt"), "base\n");
        base = commit("base");
        Files.writeString(repo.resolve("a.txt"), "change of A\n");
        reviewedA = commit("A");
    }

    private String commit(String message) throws IOException {
        git.run(List.of("add", "-A"));
        git.run(List.of("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message));
        return git.run(List.of("rev-parse", "HEAD")).strip();
    }

    @Test
    void afterANewPushOnlyTheNewCommitIsReviewed() throws IOException {
        Files.writeString(repo.resolve("b.txt"), "change of B\n");
        commit("B");

        String range = GitDiff.range(base, "HEAD", Optional.of(reviewedA), Optional.empty(), git);
        assertEquals(reviewedA + "..HEAD", range);
        String diff = GitDiff.of(base, range, repo);
        assertTrue(diff.contains("+change of B"), diff);
        assertFalse(diff.contains("change of A"), "A was reviewed already: " + diff);
    }

    @Test
    void onAMergeCheckoutTheNewCommitsOfThePullRequestHeadAreReviewedNotTheBaseBranchsProgress() throws IOException {
        // What actions/checkout checks out for pull_request: the merge of the head into the base branch.
        git.run(List.of("branch", "-q", "-M", "feature"));
        Files.writeString(repo.resolve("b.txt"), "change of B\n");
        String headB = commit("B");
        git.run(List.of("checkout", "-q", "-b", "main", base));
        Files.writeString(repo.resolve("main.txt"), "main moved on\n");
        commit("main");
        git.run(List.of("-c", "user.name=t", "-c", "user.email=t@example.com", "merge", "-q", "--no-ff", "-m",
                "merge", "feature"));

        String range = GitDiff.range(base, "HEAD", Optional.of(reviewedA), Optional.of(headB), git);
        assertEquals(reviewedA + ".." + headB, range);
        String diff = GitDiff.of(base, range, repo);
        assertTrue(diff.contains("+change of B"), diff);
        assertFalse(diff.contains("main moved on"), "the base branch's commit is not the pull request's: " + diff);
        assertEquals(reviewedA + "..HEAD", GitDiff.range(base, "HEAD", Optional.of(reviewedA),
                Optional.of("e".repeat(40)), git), "a head the workspace does not have: the checked-out commit");
    }

    @Test
    void afterAForcePushTheWholeDiffIsReviewed() throws IOException {
        git.run(List.of("reset", "-q", "--hard", base));
        Files.writeString(repo.resolve("c.txt"), "change of C\n");
        commit("C rewritten history");

        String range = GitDiff.range(base, "HEAD", Optional.of(reviewedA), Optional.empty(), git);
        assertEquals(base + "...HEAD", range, "A is no ancestor of HEAD any more");
        String diff = GitDiff.of(base, range, repo);
        assertTrue(diff.contains("+change of C"), diff);
    }

    @Test
    void anUnknownCommitOrNoEarlierReviewMeansTheWholeDiff() {
        assertEquals(base + "...HEAD", GitDiff.range(base, "HEAD", Optional.of("f".repeat(40)), Optional.empty(), git),
                "gone after gc");
        assertEquals(base + "...HEAD", GitDiff.range(base, "HEAD", Optional.empty(), Optional.empty(), git));
    }

    @Test
    void onlyAFullShaEverReachesGit() {
        List<List<String>> calls = new ArrayList<>();
        GitCommand recording = args -> {
            calls.add(args);
            return "";
        };
        for (String forged : List.of("--output=/tmp/x", "HEAD~3", reviewedA.substring(0, 12), reviewedA + " ",
                reviewedA.toUpperCase())) {
            assertEquals(base + "...HEAD", GitDiff.range(base, "HEAD", Optional.of(forged), Optional.of(forged),
                    recording), forged);
        }
        assertTrue(calls.isEmpty(), calls.toString());
    }

    @Test
    void aGitThatDoesNotAnswerInTimeMeansTheWholeDiff() {
        GitCommand slow = args -> {
            throw new IOException("git [merge-base] did not finish within 20 s");
        };
        assertEquals(base + "...HEAD", GitDiff.range(base, "HEAD", Optional.of(reviewedA), Optional.empty(), slow));
    }
}
