package io.jenkins.plugins.copilotci;

import dev.copilotci.client.TurnResult;
import dev.copilotci.job.ReviewFinding;
import dev.copilotci.job.JobOutput;
import dev.copilotci.client.text.UntrustedText;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One prompt of a build as shown on the build's Copilot page: persisted with the build, so it contains no secrets
 * (masked) and no control sequences; HTML-escaped wherever it is rendered.
 */
public final class PromptRecord implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int LABEL_CHARS = 300;

    private final String kind;
    private final String prompt;
    private final String answer;
    private final String model;
    private final long inputTokens;
    private final long outputTokens;
    /** Model requests the turn made (tools loop); 0 on records saved before it was kept. */
    private final int modelCalls;
    private final long durationMillis;
    private final String sessionId;
    private final long timestamp;
    private final String recoveryNote;
    private final String error;
    private final List<FindingRecord> findings;

    private PromptRecord(String kind, String prompt, String answer, String model, long inputTokens, long outputTokens,
                         int modelCalls, long durationMillis, String sessionId, String recoveryNote, String error,
                         List<FindingRecord> findings) {
        this.kind = kind;
        this.prompt = prompt;
        this.answer = answer;
        this.model = model;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.modelCalls = modelCalls;
        this.durationMillis = durationMillis;
        this.sessionId = sessionId;
        this.timestamp = System.currentTimeMillis();
        this.recoveryNote = recoveryNote;
        this.error = error;
        this.findings = new ArrayList<>(findings);
    }

    static PromptRecord answered(String kind, String prompt, TurnResult r, List<ReviewFinding> findings,
                                 JobOutput output) {
        return new PromptRecord(kind, label(prompt, output), output.safe(r.content()), r.usage().model(),
                r.usage().inputTokens(), r.usage().outputTokens(), r.usage().modelCalls(), r.duration().toMillis(), r.sessionId(),
                r.recoveryNote(), null, findings.stream().map(f -> new FindingRecord(f, output)).toList());
    }

    static PromptRecord failed(String kind, String prompt, String sessionId, String error, JobOutput output) {
        return new PromptRecord(kind, label(prompt, output), "", null, 0, 0, 0, 0, sessionId, null,
                output.safe(error), List.of());
    }

    private static String label(String prompt, JobOutput output) {
        return UntrustedText.singleLine(output.safe(prompt), LABEL_CHARS);
    }

    public String getKind() {
        return kind;
    }

    public String getPrompt() {
        return prompt;
    }

    public String getAnswer() {
        return answer;
    }

    public String getModel() {
        return model;
    }

    public long getInputTokens() {
        return inputTokens;
    }

    public long getOutputTokens() {
        return outputTokens;
    }

    public int getModelCalls() {
        return modelCalls;
    }

    public long getDurationMillis() {
        return durationMillis;
    }

    public String getSessionId() {
        return sessionId;
    }

    public long getTimestamp() {
        return timestamp;
    }

    public String getRecoveryNote() {
        return recoveryNote;
    }

    public String getError() {
        return error;
    }

    public boolean isFailed() {
        return error != null;
    }

    public List<FindingRecord> getFindings() {
        return findings == null ? List.of() : List.copyOf(findings);
    }
}
