package dev.copilotci.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SeverityTest {

    @ParameterizedTest
    @CsvSource({
        "error, ERROR", "ERROR, ERROR", "High, ERROR", "critical, ERROR", "MAJOR, ERROR", "blocker, ERROR",
        "security, ERROR", "P1, ERROR", "' high ', ERROR", "🔴 High, ERROR", "**critical**, ERROR",
        "warning, WARNING", "warn, WARNING", "Medium, WARNING", "minor, WARNING", "moderate, WARNING",
        "medium-high, WARNING", "notice, NOTICE", "low, NOTICE", "info, NOTICE", "INFO, NOTICE",
        "suggestion, NOTICE", "nit, NOTICE", "nitpick, NOTICE", "style, NOTICE", "Low (style), NOTICE",
    })
    void parsesSynonyms(String text, Severity expected) {
        assertEquals(expected, Severity.parse(text));
        assertEquals(Optional.of(expected), Severity.tryParse(text));
    }

    @Test
    void unknownInput() {
        assertEquals(Optional.empty(), Severity.tryParse("banana"));
        assertEquals(Optional.empty(), Severity.tryParse(""));
        assertEquals(Optional.empty(), Severity.tryParse(null));
        assertEquals(Severity.WARNING, Severity.parseOrDefault("banana", Severity.WARNING));
        assertEquals(Severity.NOTICE, Severity.parseOrDefault(null, Severity.NOTICE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Severity.parse("banana"));
        assertTrue(e.getMessage().contains("'banana'") && e.getMessage().contains("error, warning or notice"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Severity.parse(null));
    }

    @Test
    void ordering() {
        assertTrue(Severity.ERROR.atLeast(Severity.WARNING));
        assertTrue(Severity.ERROR.atLeast(Severity.ERROR));
        assertTrue(Severity.WARNING.atLeast(Severity.NOTICE));
        assertFalse(Severity.NOTICE.atLeast(Severity.WARNING));
        assertFalse(Severity.WARNING.atLeast(Severity.ERROR));
    }

    @Test
    void labels() {
        assertEquals("error", Severity.ERROR.label());
        assertEquals("warning", Severity.WARNING.label());
        assertEquals("notice", Severity.NOTICE.label());
        for (Severity s : Severity.values()) {
            assertEquals(s, Severity.parse(s.label()));
        }
    }
}
