package dev.copilotci.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingsThresholdTest {
    private final List<ReviewFinding> findings = List.of(
            new ReviewFinding("a", 1, Severity.NOTICE, "n", "t", true),
            new ReviewFinding("b", 2, Severity.WARNING, "w", "t", true));

    @Test
    void countsFindingsAtOrAboveTheSeverity() {
        FindingsThreshold warning = FindingsThreshold.parse("warning", "--fail-on").orElseThrow();
        assertEquals(1, warning.reachedBy(findings));
        assertEquals(Optional.of("1 finding(s) at or above warning: failing"), warning.verdict(findings, "failing"));
        assertTrue(FindingsThreshold.parse("error", "x").orElseThrow().verdict(findings, "x").isEmpty());
        assertEquals(2, FindingsThreshold.parse("notice", "x").orElseThrow().reachedBy(findings));
    }

    @Test
    void blankMeansNoThresholdAndAWrongNameSaysWhatIsAccepted() {
        assertTrue(FindingsThreshold.parse(" ", "--fail-on").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FindingsThreshold.parse("purple", "unstableOn"));
        assertEquals("unstableOn must be a severity: error, warning or notice, not 'purple'", e.getMessage());
    }
}
