package dev.copilotci.job;

import java.io.IOException;
import java.util.List;

/**
 * What a review looked at, said in every report, also (above all) a clean one: without it "no findings" cannot be
 * told apart from "reviewed nothing". Our own text; file and ref names come from the workflow, so renderers still
 * escape it.
 *
 * @param range the commits ({@code <base sha>...<head sha>}) or the diff file's name
 * @param files how many files the diff changes
 */
public record ReviewScope(String range, int files) {

    /**
     * The commits of {@code git diff <base>...HEAD}, as SHAs so the report says exactly what was reviewed even after
     * the branch moves on; the ref names if git cannot resolve them.
     */
    public static ReviewScope ofCommits(GitCommand git, String base, int files) {
        return ofCommits(git, base, "HEAD", files);
    }

    /** The commits of {@code git diff <base>...<head>}, {@code head} e.g. a pull request's head fetched as data. */
    public static ReviewScope ofCommits(GitCommand git, String base, String head, int files) {
        return new ReviewScope(sha(git, base) + "..." + sha(git, head), files);
    }

    public static ReviewScope ofDiffFile(String name, int files) {
        return new ReviewScope("diff file " + name, files);
    }

    /** One line for the report: "Reviewed a1b2…...c3d4… (3 files) with model gpt-5. No findings." */
    public String describe(String model, int findings) {
        String outcome = findings == 0 ? "No findings." : findings + (findings == 1 ? " finding." : " findings.");
        return "Reviewed " + range + " (" + files + (files == 1 ? " file" : " files") + ")"
                + (model == null || model.isBlank() ? "" : " with model " + model) + ". " + outcome;
    }

    private static String sha(GitCommand git, String ref) {
        try {
            String out = git.run(List.of("rev-parse", "--verify", "--quiet", ref + "^{commit}")).strip();
            return GitCommand.isCommitSha(out) ? out : ref;
        } catch (IOException e) {
            return ref;
        }
    }
}
