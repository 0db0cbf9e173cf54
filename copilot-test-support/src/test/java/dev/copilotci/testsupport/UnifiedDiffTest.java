package dev.copilotci.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void hunkHeadersCountTheLinesOfEachSide() {
        String diff = UnifiedDiff.of("src/A.java")
                .hunk(1, 1).context("line1").added("added2").context("line3")
                .hunk(20, 21).removed("old21", "old22").added("new21").context("line22")
                .text();
        assertEquals("diff --git a/src/A.java b/src/A.java\n--- a/src/A.java\n+++ b/src/A.java\n"
                + "@@ -1,2 +1,3 @@\n line1\n+added2\n line3\n"
                + "@@ -20,3 +21,2 @@\n-old21\n-old22\n+new21\n line22\n", diff);
    }

    @Test
    void linesNeedAHunk() {
        assertThrows(IllegalStateException.class, () -> UnifiedDiff.of("a.txt").added("x"));
    }
}
