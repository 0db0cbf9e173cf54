package dev.copilotci.runner;

import dev.copilotci.client.TurnResult;
import dev.copilotci.job.ReviewFinding;
import java.nio.file.Path;
import java.util.List;

/**
 * What one command produced, for every place it is reported.
 *
 * @param answer       the text to show (the model's answer, or for reviews its commentary and findings)
 * @param pageText     what the step summary and pull request show above the findings table
 * @param findingsFile only for reviews
 * @param scope        only for reviews: what was reviewed and the outcome, shown above the answer everywhere
 */
record RunReport(String heading, String answer, String pageText, TurnResult turn, List<ReviewFinding> findings,
                 Path findingsFile, String scope) {
    RunReport {
        findings = List.copyOf(findings == null ? List.of() : findings);
    }

    RunReport(String heading, String answer, String pageText, TurnResult turn, List<ReviewFinding> findings,
              Path findingsFile) {
        this(heading, answer, pageText, turn, findings, findingsFile, null);
    }

    static RunReport answer(String heading, TurnResult turn) {
        return new RunReport(heading, turn.content(), turn.content(), turn, List.of(), null);
    }
}
