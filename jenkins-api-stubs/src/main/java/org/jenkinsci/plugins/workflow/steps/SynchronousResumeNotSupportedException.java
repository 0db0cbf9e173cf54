package org.jenkinsci.plugins.workflow.steps;

import java.io.IOException;

/** Stub of workflow-step-api {@code SynchronousResumeNotSupportedException}; messages as upstream. */
public class SynchronousResumeNotSupportedException extends Exception {
    @Deprecated
    public SynchronousResumeNotSupportedException() {
        super("Resume after a restart not supported for non-blocking synchronous steps");
    }

    public SynchronousResumeNotSupportedException(StepContext context) {
        super(String.format("The Pipeline step `%s` cannot be resumed after a controller restart. "
                + "In Scripted syntax, you may wrap its containing `node` block within "
                + "`retry(conditions: [nonresumable()], count: 2) {...}`, or, in Declarative syntax, use the `retries` "
                + "option to an `agent` directive to allow the stage to be retried.", functionName(context)));
    }

    private static String functionName(StepContext context) {
        StepDescriptor descriptor = null;
        try {
            descriptor = context.get(StepDescriptor.class);
        } catch (IOException | InterruptedException e) {
            // as upstream: fall back to "?"
        }
        return descriptor != null ? descriptor.getFunctionName() : "?";
    }
}
