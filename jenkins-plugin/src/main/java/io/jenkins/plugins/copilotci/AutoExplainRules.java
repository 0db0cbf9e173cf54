package io.jenkins.plugins.copilotci;

import hudson.model.Result;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which completed builds the controller explains on its own: the switch, the results (FAILURE, and UNSTABLE when
 * asked) and the job full names (a full match of the include pattern, if any, and none of the exclude pattern),
 * globally or as the nearest folder overrides them. Pure: no Jenkins, so every rule is tested directly.
 */
record AutoExplainRules(boolean enabled, boolean unstable, Pattern include, Pattern exclude) {
    private static final AutoExplainRules OFF = new AutoExplainRules(false, false, null, null);

    /**
     * The rules for a job in {@code folders} (nearest first): the nearest folder that says on or off decides, with its
     * own unstable/include/exclude; a folder that inherits is passed over; with none, the global configuration's.
     * An invalid pattern disables auto-explain rather than matching everything.
     */
    static AutoExplainRules of(CopilotGlobalConfiguration global, List<CopilotFolderProperty> folders) {
        for (CopilotFolderProperty folder : folders) {
            if (CopilotFolderProperty.OFF.equals(folder.getAutoExplain())) {
                return OFF;
            }
            if (CopilotFolderProperty.ON.equals(folder.getAutoExplain())) {
                return rules(folder.isAutoExplainUnstable(), folder.getAutoExplainInclude(),
                        folder.getAutoExplainExclude());
            }
        }
        if (global == null || !global.isAutoExplain()) {
            return OFF;
        }
        return rules(global.isAutoExplainUnstable(), global.getAutoExplainInclude(), global.getAutoExplainExclude());
    }

    private static AutoExplainRules rules(boolean unstable, String include, String exclude) {
        try {
            return new AutoExplainRules(true, unstable, compile(include), compile(exclude));
        } catch (PatternSyntaxException e) {
            return OFF;
        }
    }

    static Pattern compile(String regex) {
        return regex == null || regex.isBlank() ? null : Pattern.compile(regex.trim());
    }

    /** Whether {@code result} is a failure to explain: FAILURE, or UNSTABLE when {@code unstable} says so. */
    static boolean failed(Result result, boolean unstable) {
        return result == Result.FAILURE || unstable && result == Result.UNSTABLE;
    }

    /** Whether a build of {@code jobFullName} that ended with {@code result} is to be explained. */
    boolean wants(String jobFullName, Result result) {
        if (!enabled || result == null) {
            return false;
        }
        if (!failed(result, unstable)) {
            return false;
        }
        if (include != null && !include.matcher(jobFullName).matches()) {
            return false;
        }
        return exclude == null || !exclude.matcher(jobFullName).matches();
    }
}
