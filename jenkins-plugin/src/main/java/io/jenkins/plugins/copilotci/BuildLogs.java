package io.jenkins.plugins.copilotci;

import hudson.model.Run;
import java.io.IOException;
import java.util.List;

/** Reading the end of a build's log. */
final class BuildLogs {
    private BuildLogs() {
    }

    /**
     * The last {@code lines} lines (console notes removed), one string. Run.getLog puts a "[...truncated …]" marker
     * first when it cut the log, so one more line is read and the marker dropped.
     */
    static String lastLines(Run<?, ?> run, int lines) throws IOException {
        List<String> log = run.getLog(lines + 1);
        if (!log.isEmpty() && log.get(0).startsWith("[...truncated")) {
            log = log.subList(1, log.size());
        } else if (log.size() > lines) {
            log = log.subList(log.size() - lines, log.size());
        }
        return String.join("\n", log);
    }
}
