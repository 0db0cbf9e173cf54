package dev.copilotci.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiffFilesTest {

    /** A realistic `git diff` with every kind of file change. */
    static final String GIT_DIFF = String.join("\n",
            "diff --git a/src/main/java/App.java b/src/main/java/App.java",
            "index 1111111..2222222 100644",
            "--- a/src/main/java/App.java",
            "+++ b/src/main/java/App.java",
            "@@ -10,6 +10,7 @@ public class App {",
            "     int a;",
            "     int b;",
            "-    int c;",
            "+    int c = 1;",
            "+    int d;",
            "     int e;",
            "     int f;",
            "     int g;",
            "@@ -100,3 +101,3 @@ void m() {",
            "-    old();",
            "+    neu();",
            "     end();",
            "     }",
            "diff --git a/docs/new file.md b/docs/new file.md",
            "new file mode 100644",
            "index 0000000..3333333",
            "--- /dev/null",
            "+++ b/docs/new file.md\t",
            "@@ -0,0 +1,2 @@",
            "+# Title",
            "+--- not a header, just content",
            "diff --git a/old/Gone.java b/old/Gone.java",
            "deleted file mode 100644",
            "index 4444444..0000000",
            "--- a/old/Gone.java",
            "+++ /dev/null",
            "@@ -1,2 +0,0 @@",
            "-class Gone {",
            "-}",
            "diff --git a/img/logo.png b/img/logo.png",
            "index 5555555..6666666 100644",
            "Binary files a/img/logo.png and b/img/logo.png differ",
            "diff --git a/lib/blob.bin b/lib/blob.bin",
            "new file mode 100644",
            "index 0000000..7777777",
            "GIT binary patch",
            "literal 12",
            "zcmZ?wbhEHbRA5kGU|?ckU;qL}7+f0(",
            "",
            "literal 0",
            "HcmV?d00001",
            "",
            "diff --git a/Renamed.java b/pkg/Renamed2.java",
            "similarity index 90%",
            "rename from Renamed.java",
            "rename to pkg/Renamed2.java",
            "index 8888888..9999999 100644",
            "--- a/Renamed.java",
            "+++ b/pkg/Renamed2.java",
            "@@ -5 +5 @@",
            "-a",
            "+b",
            "diff --git \"a/\\303\\244 quoted.txt\" \"b/\\303\\244 quoted.txt\"",
            "index aaaaaaa..bbbbbbb 100644",
            "--- \"a/\\303\\244 quoted.txt\"",
            "+++ \"b/\\303\\244 quoted.txt\"",
            "@@ -1 +1,2 @@",
            " same",
            "+added",
            "\\ No newline at end of file",
            "");

    private final DiffFiles diff = DiffFiles.parse(GIT_DIFF);

    @Test
    void listsEveryFile() {
        List<DiffFiles.ChangedFile> files = diff.files();
        assertEquals(List.of("src/main/java/App.java", "docs/new file.md", "old/Gone.java", "img/logo.png",
                "lib/blob.bin", "pkg/Renamed2.java", "ä quoted.txt"),
                files.stream().map(DiffFiles.ChangedFile::path).toList());
        assertTrue(files.get(2).deleted());
        assertTrue(files.get(3).binary());
        assertTrue(files.get(4).binary());
        assertEquals("Renamed.java", files.get(5).oldPath());
        assertEquals(null, files.get(1).oldPath());
        assertEquals(Set.of("src/main/java/App.java", "docs/new file.md", "img/logo.png", "lib/blob.bin",
                "pkg/Renamed2.java", "ä quoted.txt"), diff.paths());
    }

    @Test
    void hunkRangesAndAddedLines() {
        String app = "src/main/java/App.java";
        assertEquals(List.of(new DiffFiles.LineRange(10, 16), new DiffFiles.LineRange(101, 103)),
                diff.files().get(0).hunks());
        assertTrue(diff.containsLine(app, 10));
        assertTrue(diff.containsLine(app, 16));
        assertFalse(diff.containsLine(app, 17));
        assertFalse(diff.containsLine(app, 9));
        assertTrue(diff.containsLine(app, 102));
        assertTrue(diff.isAddedLine(app, 12));
        assertTrue(diff.isAddedLine(app, 13));
        assertFalse(diff.isAddedLine(app, 14), "context line");
        assertTrue(diff.isAddedLine(app, 101));
        assertFalse(diff.containsLine(app, 0));
        assertTrue(diff.containsLine("docs/new file.md", 2), "content line starting with --- is not a header");
        assertTrue(diff.isAddedLine("docs/new file.md", 2));
        assertFalse(diff.containsLine("docs/new file.md", 3));
        assertTrue(diff.containsLine("pkg/Renamed2.java", 5));
        assertTrue(diff.isAddedLine("ä quoted.txt", 2));
        assertFalse(diff.containsFile("old/Gone.java"), "deleted files have no new version");
        assertFalse(diff.containsLine("img/logo.png", 1));
    }

    @Test
    void validateFlagsFindingsOutsideTheDiffButKeepsThem() {
        List<ReviewFinding> in = List.of(
                finding("src/main/java/App.java", 12),
                finding("src/main/java/App.java", 50),
                finding("src/main/java/App.java", 0),
                finding("does/not/Exist.java", 3),
                finding(null, 0),
                finding("old/Gone.java", 1),
                finding("img/logo.png", 0),
                finding("img/logo.png", 4),
                finding("b/src/main/java/App.java", 13),
                finding("./docs/new file.md", 1),
                finding("src\\main\\java\\App.java", 11),
                finding("App.java", 101),
                finding("/home/runner/work/repo/repo/src/main/java/App.java", 102),
                finding("src/main/java/App.java:12", 12),
                finding("`pkg/Renamed2.java`", 5),
                finding("Renamed.java", 5));
        List<ReviewFinding> out = diff.validate(in);
        assertEquals(in.size(), out.size(), "nothing dropped");
        boolean[] expected = {true, false, true, false, false, false, true, false, true, true, true, true, true, true,
            true, false};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], out.get(i).inDiff(), "finding " + i + ": " + in.get(i).file());
        }
        assertEquals("src/main/java/App.java", out.get(8).file(), "canonical path");
        assertEquals("src/main/java/App.java", out.get(10).file());
        assertEquals("src/main/java/App.java", out.get(11).file());
        assertEquals("src/main/java/App.java", out.get(12).file());
        assertEquals("does/not/Exist.java", out.get(3).file(), "unknown path kept as given");
        assertEquals(in.get(0).message(), out.get(0).message());
    }

    @Test
    void ambiguousShortNamesAreNotGuessed() {
        DiffFiles two = DiffFiles.parse("--- a/x/Util.java\n+++ b/x/Util.java\n@@ -1 +1 @@\n-a\n+b\n"
                + "--- a/y/Util.java\n+++ b/y/Util.java\n@@ -1 +1 @@\n-a\n+b\n");
        assertEquals(Set.of("x/Util.java", "y/Util.java"), two.paths());
        assertEquals(Optional.empty(), two.resolvePath("Util.java"));
        assertEquals(Optional.of("y/Util.java"), two.resolvePath("y/Util.java"));
        assertEquals(Optional.empty(), two.resolvePath("il.java"), "suffix must start at a path segment");
        assertEquals(Optional.empty(), two.resolvePath(""));
        assertEquals(Optional.empty(), two.resolvePath(null));
    }

    @Test
    void plainDiffWithTimestampsAndCrlf() {
        String plain = "--- a/file.txt\t2024-01-01 10:00:00.000000000 +0000\r\n"
                + "+++ b/file.txt\t2024-01-02 10:00:00.000000000 +0000\r\n"
                + "@@ -1,2 +1,3 @@\r\n line1\r\n+new\r\n line2\r\n";
        DiffFiles d = DiffFiles.parse(plain);
        assertEquals(Set.of("file.txt"), d.paths());
        assertTrue(d.isAddedLine("file.txt", 2));
        assertTrue(d.containsLine("file.txt", 3));
        assertFalse(d.containsLine("file.txt", 4));
    }

    @Test
    void rightSideLinesFollowHunkHeaders() {
        // The lines GitHub accepts for RIGHT-side review comments (was the runner's own DiffLines parser).
        String diff = String.join("\n",
                "diff --git a/src/A.java b/src/A.java",
                "--- a/src/A.java",
                "+++ b/src/A.java",
                "@@ -1,3 +1,4 @@",
                " context 1",
                "-removed",
                "+added 2",
                "+added 3",
                " context 4",
                "@@ -20,2 +21,2 @@ method()",
                " context 21",
                "-old",
                "+new 22",
                "\\ No newline at end of file",
                "diff --git a/bin.png b/bin.png",
                "Binary files a/bin.png and b/bin.png differ",
                "diff --git a/x b/x",
                "--- a/x",
                "+++ b/x",
                "@@ -0,0 +1 @@",
                "+only");
        DiffFiles d = DiffFiles.parse(diff);
        for (int line : new int[] {1, 2, 3, 4, 21, 22}) {
            assertTrue(d.containsLine("src/A.java", line), "line " + line);
        }
        for (int line : new int[] {0, 5, 20, 23}) {
            assertFalse(d.containsLine("src/A.java", line), "line " + line);
        }
        assertTrue(d.containsFile("bin.png"));
        assertFalse(d.containsLine("bin.png", 1));
        assertFalse(d.containsLine("other", 1));
        assertTrue(d.containsLine("x", 1));
        assertFalse(d.containsLine("x", 2));
    }

    @Test
    void emptyLinesInsideHunksCountAsContext() {
        String stripped = "--- a/f\n+++ b/f\n@@ -1,3 +1,4 @@\n a\n\n+b\n c\n";
        DiffFiles d = DiffFiles.parse(stripped);
        assertTrue(d.isAddedLine("f", 3));
        assertTrue(d.containsLine("f", 4));
    }

    @Test
    void malformedAndHostileInputDoesNotThrowOrAllocateByLineNumber() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertTrue(DiffFiles.parse("").files().isEmpty());
            assertTrue(DiffFiles.parse(null).files().isEmpty());
            assertTrue(DiffFiles.parse("just some text\nno diff here").files().isEmpty());
            DiffFiles huge = DiffFiles.parse("--- a/f\n+++ b/f\n@@ -1 +2147483000,999999999 @@\n+x\n+y\n");
            assertTrue(huge.isAddedLine("f", 2147483000));
            assertTrue(huge.containsLine("f", 2147483646));
            DiffFiles overflow = DiffFiles.parse("--- a/f\n+++ b/f\n@@ -1,99999999999 +1,99999999999 @@\n+x\n");
            assertEquals(Set.of("f"), overflow.paths());
            DiffFiles truncated = DiffFiles.parse("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,10 +1,10 @@\n a\n");
            assertTrue(truncated.containsLine("f", 1));
            DiffFiles gibberish = DiffFiles.parse("diff --git \n@@ nonsense @@\n+++\n---\n\"\\");
            assertTrue(gibberish.paths().isEmpty() || gibberish.paths().size() == 1);
        });
    }

    @Test
    void duplicateFileSectionsAreMerged() {
        DiffFiles d = DiffFiles.parse("--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n--- a/f\n+++ b/f\n@@ -50 +50 @@\n-a\n"
                + "+b\n");
        assertTrue(d.containsLine("f", 1));
        assertTrue(d.containsLine("f", 50));
    }

    private static ReviewFinding finding(String file, int line) {
        return new ReviewFinding(file, line, Severity.WARNING, "msg for " + file, null);
    }
}
