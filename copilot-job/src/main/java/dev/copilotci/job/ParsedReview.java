package dev.copilotci.job;

import java.util.List;

/**
 * What {@link ReviewFindingsParser} made of a review answer.
 *
 * @param findings the findings (empty if none or if the answer had no usable JSON); not yet checked against the diff
 * @param structured whether a JSON findings list was found (an empty list counts: "nothing to report")
 * @param commentary the answer's text outside the JSON block when structured; the whole answer otherwise (the
 *     fallback to show as plain text). Untrusted.
 */
public record ParsedReview(List<ReviewFinding> findings, boolean structured, String commentary) {

    public ParsedReview {
        findings = findings == null ? List.of() : List.copyOf(findings);
        commentary = commentary == null ? "" : commentary;
    }
}
