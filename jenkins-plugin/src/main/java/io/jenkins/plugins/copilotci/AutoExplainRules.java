package io.jenkins.plugins.copilotci;

import hudson.model.Result;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which completed builds the controller explains on its own: the switch, the results (FAILURE, and UNSTABLE when
 * asked) and the job full names (a full match of the include pattern, if any, and none of the exclude pattern).
 * Pure: no Jenkins, so every rule is tested directly.
 */
record AutoExplainRules(boolean enabled, boolean unstable, Pattern include, Pattern exclude) {

    /** The global configuration's rules; an invalid pattern disables auto-explain rather than matching everything. */
    static AutoExplainRules of(CopilotGlobalConfiguration global) {
        if (global == null || !global.isAutoExplain()) {
            return new AutoExplainRules(false, false, null, null);
        }
        try {
            return new AutoExplainRules(true, global.isAutoExplainUnstable(),
                    compile(global.getAutoExplainInclude()), compile(global.getAutoExplainExclude()));
        } catch (PatternSyntaxException e) {
            return new AutoExplainRules(false, false, null, null);
        }
    }

    static Pattern compile(String regex) {
        return regex == null || regex.isBlank() ? null : Pattern.compile(regex.trim());
    }

    /** Whether a build of {@code jobFullName} that ended with {@code result} is to be explained. */
    boolean wants(String jobFullName, Result result) {
        if (!enabled || result == null) {
            return false;
        }
        boolean failed = result == Result.FAILURE || unstable && result == Result.UNSTABLE;
        if (!failed) {
            return false;
        }
        if (include != null && !include.matcher(jobFullName).matches()) {
            return false;
        }
        return exclude == null || !exclude.matcher(jobFullName).matches();
    }
}
