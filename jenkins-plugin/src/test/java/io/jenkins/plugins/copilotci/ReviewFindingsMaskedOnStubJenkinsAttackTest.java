package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.TurnResult;
import dev.copilotci.client.Usage;
import dev.copilotci.job.JobOutput;
import dev.copilotci.job.ReviewFinding;
import dev.copilotci.job.ReviewTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hostile answer to {@code copilotReview} spells the job's GitHub token with a JSON escape ({@code \u0067hp_…}):
 * the text masker cannot see it in the answer, and parsing the findings makes it whole. The step's findings (its log
 * lines, the build page's record and its return value all come from them) pass the session's boundary after parsing.
 */
class ReviewFindingsMaskedOnStubJenkinsAttackTest {
    private static final String TOKEN = "ghp_JenkinsReviewToken0123456789";
    private static final String DIFF = String.join("\n",
            "diff --git a/src/App.java b/src/App.java", "--- a/src/App.java", "+++ b/src/App.java",
            "@@ -1,2 +1,3 @@", " class App {", "+  String token = null;", " }", "");

    @Test
    void aTokenSpelledWithJsonEscapesIsMaskedInTheStepsFindings() {
        String escaped = "\\u0067" + TOKEN.substring(1);
        String answer = "```json\n[{\"file\":\"src/App.java\",\"line\":2,\"severity\":\"error\",\"title\":\""
                + escaped + "\",\"message\":\"set it to " + escaped + "\"}]\n```";
        JobOutput output = JobOutput.masking(List.of(TOKEN), line -> { });
        assertEquals(answer, output.safe(answer), "the answer itself holds nothing the masker knows");
        ReviewTask task = ReviewTask.of(DIFF).orElseThrow();
        assertTrue(task.interpret(answer).findings().get(0).message().contains(TOKEN), "parsing makes it whole");

        List<ReviewFinding> findings = new ArrayList<>();
        CopilotReviewStep.findingsInto(task, findings).of(
                new TurnResult("s", null, answer, Usage.NONE, Duration.ZERO, null), output);

        assertEquals(1, findings.size());
        ReviewFinding f = findings.get(0);
        assertFalse(f.message().contains(TOKEN) || f.title().contains(TOKEN), f.toString());
        assertFalse(f.toMap().toString().contains(TOKEN), "the step's return value");
        assertEquals("set it to ****", f.message());
    }
}
