package dev.copilotci.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReviewTaskTest {
    private static final String DIFF = String.join("\n", "diff --git a/App.java b/App.java", "--- a/App.java",
            "+++ b/App.java", "@@ -1,2 +1,3 @@", " class App {", "+  int x;", " }", "");

    @Test
    void noChangesNoReview() {
        assertTrue(ReviewTask.of("").isEmpty());
        assertTrue(ReviewTask.of(null).isEmpty());
    }

    @Test
    void thePromptCarriesTheDiffAndTheAnswerBecomesCheckedFindings() {
        ReviewTask task = ReviewTask.of(DIFF).orElseThrow();
        assertTrue(task.prompt().contains("+  int x;"));
        ParsedReview review = task.interpret("```json\n[{\"file\":\"App.java\",\"line\":2,\"severity\":\"warning\","
                + "\"message\":\"unused\"},{\"file\":\"Gone.java\",\"line\":1,\"severity\":\"error\","
                + "\"message\":\"elsewhere\"}]\n```");
        assertTrue(review.structured());
        assertEquals(2, review.findings().size());
        assertTrue(review.findings().get(0).inDiff());
        assertFalse(review.findings().get(1).inDiff());
        assertFalse(task.interpret("just prose, no JSON").structured());
    }

    @Test
    void aSecretSpelledWithJsonEscapesIsMaskedOnceParsed() {
        String token = "ghs_Secret0123456789abcdefXYZ";
        JobOutput output = JobOutput.masking(java.util.List.of(token), line -> { });
        String answer = output.safe("```json\n[{\"file\":\"App.java\",\"line\":2,\"message\":\"key \\u0067"
                + token.substring(1) + "\"}]\n```");
        ReviewTask task = ReviewTask.of(DIFF).orElseThrow();
        assertTrue(task.interpret(answer).findings().get(0).message().contains(token), "whole again after parsing");
        ParsedReview review = task.interpret(answer, output);
        assertEquals("key ****", review.findings().get(0).message());
        assertTrue(review.findings().get(0).inDiff());
    }
}
