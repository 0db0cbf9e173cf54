package io.jenkins.plugins.copilotci;

import java.io.Serializable;

/**
 * What {@code withCopilot} hands to the steps in its body. The live session is {@code transient}: after a controller
 * restart it is gone and the steps say so, rather than silently opening a different session.
 */
public final class CopilotBlockHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String sessionId;
    private final CopilotSettings settings;
    private final String agentCliMarker;
    private transient CopilotJobSession live;
    private transient volatile boolean stopped;

    CopilotBlockHandle(String sessionId, CopilotSettings settings, CopilotJobSession live) {
        this.sessionId = sessionId;
        this.settings = settings;
        this.agentCliMarker = live.agentCliMarker();
        this.live = live;
    }

    /** COPILOT_CI_CLI of the CLI started on the agent for this block, or {@code null} (shared server). */
    String agentCliMarker() {
        return agentCliMarker;
    }

    /** The block was stopped (aborted, timed out): its session is closed on purpose, not lost. */
    boolean wasStopped() {
        return stopped;
    }

    /** Forgets the live session because the block is being stopped. */
    CopilotJobSession stop() {
        stopped = true;
        return detach();
    }

    String sessionId() {
        return sessionId;
    }

    CopilotSettings settings() {
        return settings;
    }

    /** The live session, or a clear failure if Jenkins restarted since the block began. */
    CopilotJobSession live() {
        CopilotJobSession s = live;
        if (s == null) {
            throw new IllegalStateException("The Copilot session " + sessionId + " of this withCopilot block was lost"
                    + " (Jenkins restarted while the block ran). Wrap the block in"
                    + " retry(conditions: [nonresumable()], count: 2) { withCopilot { ... } } to start it again.");
        }
        return s;
    }

    /** The live session, or {@code null} after a controller restart. */
    CopilotJobSession liveOrNull() {
        return live;
    }

    /** Forgets the live session (it is being closed). */
    CopilotJobSession detach() {
        CopilotJobSession s = live;
        live = null;
        return s;
    }
}
