package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.job.LocalGit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository whose encrypted files are decrypted for diffs (git-crypt or transcrypt on an unlocked CI checkout set
 * {@code diff.<driver>.textconv}): a pull request that touches such a file must not make the review's diff carry the
 * decrypted base version to the model, and no configured converter runs on the pull request's bytes. The diff is
 * the bytes git stores, as GitHub shows them.
 */
@Timeout(60)
class DiffConversionAttackTest {
    private static final String PLAIN = "db-password = production-secret-42";

    @TempDir
    Path dir;

    @Test
    void aTextconvDriverIsNotRunForTheReviewDiff() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path ran = dir.resolve("converter-ran");
        Path decrypt = dir.resolve("decrypt.sh");
        // "Decryption" is rot13 here; the converter also leaves a trace that it ran.
        Files.writeString(decrypt, "#!/bin/sh\ntouch '" + ran + "'\ntr 'a-zA-Z' 'n-za-mN-ZA-M' < \"$1\"\n");
        Files.setPosixFilePermissions(decrypt, PosixFilePermissions.fromString("rwx------"));
        LocalGit git = new LocalGit(repo, Duration.ofSeconds(30));
        git.run(List.of("init", "-q"));
        git.run(List.of("config", "diff.crypt.textconv", decrypt.toString()));
        Files.writeString(repo.resolve(".gitattributes"), "*.enc diff=crypt\n");
        Files.writeString(repo.resolve("secrets.enc"), rot13(PLAIN) + "\n");
        String base = commit(git, "base");
        Files.writeString(repo.resolve("secrets.enc"), "pull request was here\n"); // the attacker's change
        commit(git, "touch the encrypted file");

        String diff = GitDiff.of(base, base + "...HEAD", repo);

        assertTrue(diff.contains("secrets.enc"), diff);
        assertFalse(diff.contains(PLAIN), "the decrypted base reached the review's diff: " + diff);
        assertFalse(Files.exists(ran), "a configured textconv converter ran on the pull request's file");
    }

    private static String commit(LocalGit git, String message) throws IOException {
        git.run(List.of("add", "-A"));
        git.run(List.of("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message));
        return git.run(List.of("rev-parse", "HEAD")).strip();
    }

    private static String rot13(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 'a' && c <= 'z' ? (char) ('a' + (c - 'a' + 13) % 26)
                    : c >= 'A' && c <= 'Z' ? (char) ('A' + (c - 'A' + 13) % 26) : c);
        }
        return b.toString();
    }
}
