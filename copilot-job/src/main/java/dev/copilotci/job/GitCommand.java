package dev.copilotci.job;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs one git command in the job's repository and returns its stdout. The runner runs git locally
 * ({@link LocalGit}); Jenkins runs it on the build's agent.
 */
@FunctionalInterface
public interface GitCommand {
    /**
     * @param args the arguments after {@code git}
     * @return stdout, decoded as UTF-8
     * @throws IOException when git fails (non-zero exit: the message carries its stderr) or exceeds its deadline
     */
    String run(List<String> args) throws IOException;

    /**
     * Whether {@code s} is a full lower-case hex commit id (SHA-1 or SHA-256): the only form in which a commit named by
     * untrusted input (an event, the API, our own marker) may reach git, never as an option or a revision expression.
     */
    static boolean isCommitSha(String s) {
        return s != null && CommitShaPattern.FULL.matcher(s).matches();
    }

    /**
     * The arguments after {@code git} for the diff a review reads, {@code range} being {@code base...HEAD} or
     * {@code sha..tip} (never an option: the caller checks its base). The bytes git stores, as GitHub shows them: no
     * external diff program and no textconv converter (a git-crypt or transcrypt checkout would otherwise hand the
     * model decrypted files the pull request touches).
     */
    static List<String> diffArgs(String range) {
        return List.of("diff", "--no-color", "--no-ext-diff", "--no-textconv", range, "--");
    }
}

/** Holder: an interface's fields are public. */
final class CommitShaPattern {
    static final Pattern FULL = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    private CommitShaPattern() {
    }
}
