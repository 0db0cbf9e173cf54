package dev.copilotci.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReviewDiffTest {

    private static String fileDiff(String path, int lines) {
        StringBuilder sb = new StringBuilder("diff --git a/" + path + " b/" + path + "\n--- a/" + path + "\n+++ b/"
                + path + "\n@@ -1," + lines + " +1," + lines + " @@\n");
        for (int i = 0; i < lines; i++) {
            sb.append(i % 2 == 0 ? "+" : " ").append("line ").append(i).append(" of ").append(path).append('\n');
        }
        return sb.toString();
    }

    @Test
    void smallDiffIsUnchanged() {
        String diff = fileDiff("a.txt", 5);
        ReviewDiff r = ReviewDiff.of(diff);
        assertEquals(diff.stripTrailing(), r.text());
        assertFalse(r.truncated());
        assertTrue(r.notes().isEmpty());
        assertFalse(r.isEmpty());
        assertTrue(ReviewDiff.of("").isEmpty());
        assertTrue(ReviewDiff.of(null).isEmpty());
    }

    @Test
    void binaryFilesAreSkippedWithANote() {
        ReviewDiff r = ReviewDiff.of(DiffFilesTest.GIT_DIFF);
        assertTrue(r.truncated());
        assertTrue(r.text().contains("… binary file img/logo.png: content not shown …"), r.text());
        assertTrue(r.text().contains("… binary file lib/blob.bin: content not shown …"), r.text());
        assertFalse(r.text().contains("zcmZ?wbhEHbRA5kGU"), "binary patch data dropped");
        assertFalse(r.text().contains("Binary files a/img"), "the binary marker line is replaced by the note");
        assertTrue(r.notes().contains("binary file skipped: img/logo.png"), r.notes().toString());
        assertTrue(r.text().contains("+    int c = 1;"), "text files kept");
        assertTrue(r.text().contains("diff --git a/img/logo.png b/img/logo.png"), "header kept");
    }

    @Test
    void longFileDiffIsCutWithANote() {
        String diff = fileDiff("big.txt", 2_000) + fileDiff("small.txt", 3);
        ReviewDiff r = ReviewDiff.fit(diff, 60_000, 5_000);
        assertTrue(r.truncated());
        assertTrue(r.text().matches("(?s).*… \\d+ more lines of big\\.txt not shown ….*"), r.text());
        assertTrue(r.text().contains("+line 0 of small.txt"), "the next file still comes");
        assertTrue(r.text().length() < 60_000);
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("diff of big.txt cut: ")), r.notes().toString());
    }

    @Test
    void filesBeyondTheTotalBudgetAreListed() {
        StringBuilder diff = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            diff.append(fileDiff("dir/file" + i + ".txt", 40));
        }
        ReviewDiff r = ReviewDiff.fit(diff.toString(), 10_000, 3_000);
        assertTrue(r.text().length() <= 10_000, "length " + r.text().length());
        assertTrue(r.text().contains("+line 0 of dir/file0.txt"));
        assertTrue(r.text().matches("(?s).*… \\d+ more files not shown \\(diff budget exhausted\\): dir/file\\d+\\.txt, .*"),
                r.text());
        assertTrue(r.text().contains(" more …") || r.text().endsWith(".txt …"), r.text());
    }

    @Test
    void veryLongLinesAreShortened() {
        String diff = "--- a/min.js\n+++ b/min.js\n@@ -1 +1 @@\n-x\n+" + "y".repeat(10_000) + "\n";
        ReviewDiff r = ReviewDiff.fit(diff, 60_000, 20_000);
        assertTrue(r.text().contains("+" + "y".repeat(1_999) + " … [8001 more chars]"), r.text());
        assertTrue(r.truncated());
    }

    @Test
    void controlCharactersEscapesAndLoneSurrogatesAreCleaned() {
        String diff = "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\u0000b\n+\u001B[31mred\u001B[0m \uD800 😀\r\n";
        ReviewDiff r = ReviewDiff.of(diff);
        assertTrue(r.text().endsWith("+red \uFFFD 😀"), r.text());
        assertTrue(r.text().contains("-ab"), r.text());
    }

    @Test
    void preambleIsKept() {
        String diff = "From abc Mon Sep 17 00:00:00 2001\nSubject: [PATCH] fix\n\n" + fileDiff("a", 2);
        assertTrue(ReviewDiff.of(diff).text().startsWith("From abc"));
    }

    @Test
    void budgetsHoldForRandomDiffs() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            StringBuilder diff = new StringBuilder();
            int files = random.nextInt(30);
            for (int f = 0; f < files; f++) {
                if (random.nextInt(5) == 0) {
                    diff.append("diff --git a/b").append(f).append(" b/b").append(f)
                            .append("\nBinary files a/b").append(f).append(" and b/b").append(f).append(" differ\n");
                } else {
                    diff.append(fileDiff("p" + "x".repeat(random.nextInt(300)) + f, random.nextInt(300)));
                }
            }
            int max = 2_000 + random.nextInt(20_000);
            int perFile = 500 + random.nextInt(5_000);
            ReviewDiff r = ReviewDiff.fit(diff.toString(), max, perFile);
            assertTrue(r.text().length() <= max, "length " + r.text().length() + " > " + max);
        }
    }

    @Test
    void rejectsTinyBudgets() {
        assertThrows(IllegalArgumentException.class, () -> ReviewDiff.fit("", 100, 500));
        assertThrows(IllegalArgumentException.class, () -> ReviewDiff.fit("", 5_000, 10));
    }
}
