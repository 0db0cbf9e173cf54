package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.copilotci.job.LocalGit;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review step's diff is the bytes git stores: on an agent whose checkout converts files for diffs (a git-crypt
 * or transcrypt checkout unlocked for the build sets {@code diff.<driver>.textconv}), a pull request touching such a
 * file must not hand the model the converted (decrypted) base, and the converter must not run. Real git.
 */
@Timeout(60)
class DiffConversionOnStubJenkinsAttackTest {

    @Test
    void noTextconvConverterRunsForTheReviewDiff(@TempDir Path tmp) throws Exception {
        assumeTrue(File.pathSeparatorChar == ':', "Unix agent");
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path ran = tmp.resolve("converter-ran");
        Path convert = tmp.resolve("unlock.sh");
        Files.writeString(convert, "#!/bin/sh\ntouch '" + ran + "'\necho 'UNLOCKED: api-key-in-clear'\ncat \"$1\"\n");
        assumeTrue(convert.toFile().setExecutable(true));
        LocalGit git = new LocalGit(ws, Duration.ofSeconds(30));
        git.run(List.of("init", "-q"));
        git.run(List.of("config", "diff.locked.textconv", convert.toString()));
        Files.writeString(ws.resolve(".gitattributes"), "vault/* diff=locked\n");
        Files.createDirectories(ws.resolve("vault"));
        Files.writeString(ws.resolve("vault/keys"), "\u0001opaque-ciphertext\n");
        commit(git, "base");
        git.run(List.of("branch", "base"));
        Files.writeString(ws.resolve("vault/keys"), "\u0001changed by the pull request\n");
        commit(git, "pull request");

        String diff = WorkspaceGit.diff(WorkspaceGitOnStubJenkinsTest.stepIn(ws, null), "base");

        assertTrue(diff.contains("vault/keys"), diff);
        assertFalse(diff.contains("api-key-in-clear"), "the converted base reached the review's diff: " + diff);
        assertFalse(Files.exists(ran), "a configured textconv converter ran on the pull request's file");
    }

    private static void commit(LocalGit git, String message) throws Exception {
        git.run(List.of("add", "-A"));
        git.run(List.of("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message));
    }
}
