package io.jenkins.plugins.copilotci;

import dev.copilotci.job.ExplainFailurePrompt;
import dev.copilotci.job.FailureLogExcerpt;
import dev.copilotci.job.LogSelector;
import hudson.model.Run;
import java.io.IOException;

/**
 * The explain-failure prompt of a build, the one place it is built from the build's log: for
 * {@code copilotExplainFailure()}, the freestyle post-build action and auto-explain / the button alike.
 *
 * @param excerpt the relevant part of the log's end (errors, stack traces, the tail) within the budget
 * @param text the prompt
 */
record FailurePrompt(FailureLogExcerpt excerpt, String text) {
    /** Reads the last {@code maxLines} lines of the build's log and selects the relevant part. */
    static FailurePrompt of(Run<?, ?> run, int maxLines) throws IOException {
        FailureLogExcerpt excerpt = LogSelector.defaults().select(BuildLogs.lastLines(run, maxLines));
        return new FailurePrompt(excerpt, ExplainFailurePrompt.build(excerpt, run.getFullDisplayName()));
    }

    /** The console line saying what is sent. */
    String describe() {
        return BuildLogWriter.PREFIX + "explaining the failure from " + excerpt.selectedLines() + " of the last "
                + excerpt.totalLines() + " log lines";
    }
}
