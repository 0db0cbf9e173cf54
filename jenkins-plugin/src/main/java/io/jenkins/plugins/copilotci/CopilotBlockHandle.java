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
    private transient CopilotJobSession live;

    CopilotBlockHandle(String sessionId, CopilotSettings settings, CopilotJobSession live) {
        this.sessionId = sessionId;
        this.settings = settings;
        this.live = live;
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
