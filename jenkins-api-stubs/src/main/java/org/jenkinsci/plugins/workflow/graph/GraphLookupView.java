package org.jenkinsci.plugins.workflow.graph;

/** Stub of workflow-api {@code GraphLookupView}: type only (members-free supertype of {@code FlowExecution}). */
public interface GraphLookupView {
}
