package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

/** Stub of workflow-api {@code PersistentAction}: a marker for actions stored with the {@code FlowNode}. */
public interface PersistentAction extends Action {
}
