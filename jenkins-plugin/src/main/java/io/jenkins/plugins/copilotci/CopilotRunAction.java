package io.jenkins.plugins.copilotci;

import hudson.model.Run;
import java.io.IOException;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * The build's "Copilot" page ({@code <build>/copilot/}) and summary block: every prompt of the build with its
 * answer, model, tokens, duration and review findings. Saved with the build, so it survives restarts.
 */
public class CopilotRunAction implements RunAction2 {
    static final String URL_NAME = "copilot";

    private final List<PromptRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int sessionsOpened;
    /** Saved with the build: an explanation is queued or running ("auto" or "user"); re-queued after a restart. */
    private volatile String explaining;
    /** One line: the start of the last explanation's answer, for the build's summary. */
    private volatile String explanationSummary;
    /** Why the last requested explanation did not run (quota, no CLI URL, queue full, error). */
    private volatile String explanationSkipped;
    private transient Run<?, ?> run;
    /** The controller's usage counters; null means Jenkins' (looked up on use), tests hand in their own. */
    private transient CopilotUsage usage;

    public CopilotRunAction() {
    }

    /** A build's action that counts into the given counters (tests; Jenkins uses the controller's). */
    CopilotRunAction(CopilotUsage usage) {
        this.usage = usage;
    }

    /**
     * The build's action, added on first use. Reads the persisted list ({@code getActions()}) rather than
     * {@code getAction(Class)}: ours is always a persisted action, and {@code getAction} falls through to the
     * {@code TransientActionFactory} extensions when none is there yet, which needs a running Jenkins (and would cost
     * an extension lookup on every first use).
     */
    static CopilotRunAction of(Run<?, ?> run) {
        synchronized (run) {
            CopilotRunAction existing = find(run);
            if (existing != null) {
                return existing;
            }
            CopilotRunAction action = new CopilotRunAction();
            run.addAction(action);
            return action;
        }
    }

    /** The build's action if it has one (read as {@link #of} reads it), else {@code null}. */
    @SuppressWarnings("deprecation") // getActions(): the documented way for the owner of a persisted action
    static CopilotRunAction find(Run<?, ?> run) {
        for (Object a : run.getActions()) {
            if (a instanceof CopilotRunAction existing) {
                return existing;
            }
        }
        return null;
    }

    /**
     * Adds a record and saves the build, so the page survives a crash of the controller too. Every prompt of every
     * front end (steps, freestyle, explanations) is recorded here, so this is where the controller counts it.
     */
    void add(PromptRecord record) throws IOException {
        synchronized (this) {
            records.add(record);
        }
        CopilotUsage counters = usage();
        if (counters != null) {
            counters.prompt(jobName(), record.getKind(), record.isFailed(), record.getModelCalls(),
                    record.getInputTokens(), record.getOutputTokens());
        }
        if (run != null) {
            run.save();
        }
    }

    /** An automatic explanation of this build was skipped: the hourly limit was reached. */
    void countRateLimitedSkip() {
        CopilotUsage counters = usage();
        if (counters != null) {
            counters.rateLimitedSkip(jobName());
        }
    }

    private CopilotUsage usage() {
        return usage != null ? usage : CopilotUsageLink.lookup();
    }

    private String jobName() {
        return run == null ? null : run.getParent().getFullName();
    }

    /** 1, 2, 3… for the sessions opened in this build (part of their ids). */
    synchronized int nextSessionNumber() {
        return ++sessionsOpened;
    }

    /** Marks an explanation as queued and saves the build, so a restart finds it. */
    void markExplaining(String trigger) throws IOException {
        explaining = trigger;
        explanationSkipped = null;
        save();
    }

    /** The explanation ended with an answer (summary) or a reason it did not run; saves the build. */
    void endExplaining(String summary, String skipped) throws IOException {
        explaining = null;
        if (summary != null) {
            explanationSummary = summary;
        }
        explanationSkipped = skipped;
        save();
    }

    private void save() throws IOException {
        if (run != null) {
            run.save();
        }
    }

    /** "auto" or "user" while an explanation is queued or running, else {@code null}. */
    public String getExplaining() {
        return explaining;
    }

    public String getExplanationSummary() {
        return explanationSummary;
    }

    public String getExplanationSkipped() {
        return explanationSkipped;
    }

    public synchronized List<PromptRecord> getRecords() {
        return List.copyOf(records);
    }

    public synchronized long getTotalTokens() {
        return records.stream().mapToLong(r -> r.getInputTokens() + r.getOutputTokens()).sum();
    }

    public synchronized int getFindingCount() {
        return records.stream().mapToInt(r -> r.getFindings().size()).sum();
    }

    /** Context-relative link to this page, for the console hyperlink. */
    String url() {
        return "/" + run.getUrl() + URL_NAME + "/";
    }

    @Override
    public String getIconFileName() {
        return "symbol-document-text";
    }

    @Override
    public String getDisplayName() {
        return Messages.CopilotRunAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }
}
