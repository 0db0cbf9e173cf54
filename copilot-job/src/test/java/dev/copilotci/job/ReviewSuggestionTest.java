package dev.copilotci.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.testsupport.UnifiedDiff;
import org.junit.jupiter.api.Test;

/** Suggestions from the model's findings JSON: parsed leniently, capped, cleaned, kept only on one hunk's lines. */
class ReviewSuggestionTest {

    private static final String DIFF = UnifiedDiff.of("src/A.java")
            .hunk(1, 1).context("line1").added("added2").context("line3", "line4")
            .hunk(20, 21).removed("old21").added("new21").context("line22")
            .text();

    private static ReviewFinding only(String json) {
        ParsedReview parsed = ReviewFindingsParser.parse("```json\n" + json + "\n```");
        assertTrue(parsed.structured(), json);
        assertEquals(1, parsed.findings().size(), json);
        return parsed.findings().get(0);
    }

    @Test
    void aStructuredSuggestionIsParsedWithLenientNames() {
        ReviewFinding f = only("""
                [{"file":"src/A.java","line":2,"message":"m","suggestion":{"start_line":"2","end":"L3",
                  "replacement":"fixed2\\r\\nfixed3\\n"}}]""");
        assertEquals(new ReviewSuggestion(2, 3, "fixed2\nfixed3"), f.suggestion());
        assertEquals("m", f.message(), "a structured suggestion is not folded into the message");
    }

    @Test
    void linesDefaultToTheFindingsLineAndArraysAreJoined() {
        ReviewFinding f = only("""
                [{"file":"src/A.java","line":2,"message":"m","suggestion":{"lines":["a","b"]}}]""");
        assertEquals(new ReviewSuggestion(2, 2, "a\nb"), f.suggestion());
    }

    @Test
    void textSuggestionsStayInTheMessageAsBefore() {
        ReviewFinding f = only("""
                [{"file":"src/A.java","line":2,"message":"m","suggestion":"use a lock"}]""");
        assertNull(f.suggestion());
        assertTrue(f.message().contains("Suggested fix: use a lock"), f.message());
    }

    @Test
    void oversizedMalformedOrTooLongRangesAreDroppedNotCut() {
        String big = "x".repeat(ReviewSuggestion.MAX_CHARS + 1);
        assertNull(only("[{\"file\":\"a\",\"line\":2,\"message\":\"m\",\"suggestion\":{\"replacement\":\"" + big
                + "\"}}]").suggestion());
        assertNull(only("[{\"file\":\"a\",\"line\":2,\"message\":\"m\",\"suggestion\":{\"startLine\":5,"
                + "\"endLine\":4,\"replacement\":\"x\"}}]").suggestion());
        assertNull(only("[{\"file\":\"a\",\"line\":2,\"message\":\"m\",\"suggestion\":{\"startLine\":1,"
                + "\"endLine\":51,\"replacement\":\"x\"}}]").suggestion());
        assertNull(only("[{\"file\":\"a\",\"line\":2,\"message\":\"m\",\"suggestion\":{\"replacement\":[\"a\",1]}}]")
                .suggestion(), "a replacement must be exact text");
        assertNull(only("[{\"file\":\"a\",\"line\":0,\"message\":\"m\",\"suggestion\":{\"replacement\":\"x\"}}]")
                .suggestion(), "no line at all");
    }

    @Test
    void controlAndBidiCharactersAreCleanedOut() {
        ReviewFinding f = only("[{\"file\":\"a\",\"line\":2,\"message\":\"m\",\"suggestion\":{\"replacement\":"
                + "\"ok\\u001b[31m \\u202Eevil\\u0007\"}}]");
        assertNotNull(f.suggestion());
        assertEquals("ok evil", f.suggestion().replacement());
    }

    @Test
    void validateKeepsASuggestionOnlyOnRightSideLinesOfOneHunk() {
        DiffFiles diff = DiffFiles.parse(DIFF);
        ReviewFinding base = new ReviewFinding("A.java", 2, Severity.ERROR, "m", null);
        assertEquals(new ReviewSuggestion(1, 4, "x"),
                diff.validate(base.withSuggestion(new ReviewSuggestion(1, 4, "x"))).suggestion(), "context lines too");
        assertNull(diff.validate(base.withSuggestion(new ReviewSuggestion(4, 5, "x"))).suggestion(),
                "line 5 is outside the diff");
        assertNull(diff.validate(base.withSuggestion(new ReviewSuggestion(3, 21, "x"))).suggestion(),
                "spans two hunks");
        assertNull(diff.validate(new ReviewFinding("A.java", 40, Severity.ERROR, "m", null)
                .withSuggestion(new ReviewSuggestion(21, 21, "x"))).suggestion(), "the finding is not in the diff");
        assertNull(diff.validate(new ReviewFinding("B.java", 2, Severity.ERROR, "m", null)
                .withSuggestion(new ReviewSuggestion(2, 2, "x"))).suggestion(), "unknown file");
        ReviewFinding kept = diff.validate(new ReviewFinding("src/A.java", 21, Severity.ERROR, "m", null)
                .withSuggestion(new ReviewSuggestion(21, 22, "y")));
        assertTrue(kept.inDiff());
        assertEquals(new ReviewSuggestion(21, 22, "y"), kept.suggestion());
    }

    @Test
    void thePromptAsksForTheOptionalSuggestion() {
        String prompt = ReviewPrompt.build(ReviewDiff.of(DIFF));
        assertTrue(prompt.contains("\"suggestion\": {\"startLine\": 42, \"endLine\": 42, \"replacement\""), prompt);
    }
}
