package org.jenkinsci.plugins.workflow.flow;

import org.jenkinsci.plugins.workflow.graph.FlowActionStorage;
import org.jenkinsci.plugins.workflow.graph.GraphLookupView;

/**
 * Stub of workflow-api {@code FlowExecution} (type only; implicit constructor as upstream). A test subclass supplies
 * {@link FlowActionStorage}'s {@code loadActions}/{@code saveActions}, which is all {@code FlowNode} asks of it here.
 */
public abstract class FlowExecution implements FlowActionStorage, GraphLookupView {
}
