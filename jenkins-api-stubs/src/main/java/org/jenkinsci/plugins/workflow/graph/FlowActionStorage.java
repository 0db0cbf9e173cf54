package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Action;
import java.io.IOException;
import java.util.List;

/** Stub of workflow-api {@code FlowActionStorage} (complete: where a {@link FlowNode}'s actions are kept). */
public interface FlowActionStorage {
    List<Action> loadActions(FlowNode node) throws IOException;

    void saveActions(FlowNode node, List<Action> actions) throws IOException;
}
