package dev.copilotci.job;

import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotSession;
import dev.copilotci.client.SessionConfig;
import java.util.function.Consumer;

/**
 * One connection, made from a job's settings, for many sessions with those settings at once: what the runner's
 * {@code bench} command measures (N job-scoped lifecycles, C at a time, on one connection). A CI job itself runs
 * through {@link JobSession}, which adds narration, masking and the delete-or-keep close.
 */
public final class JobConnection implements AutoCloseable {
    private final SessionConfig config;
    private final CopilotClient client;

    private JobConnection(SessionConfig config, CopilotClient client) {
        this.config = config;
        this.client = client;
    }

    /**
     * Connects to the shared server, or starts our own CLI, as the settings say, and waits for it; the client's lines
     * (reconnects, the CLI's stderr) go to {@code log}.
     */
    public static JobConnection connect(JobSettings settings, Consumer<String> log) {
        SessionConfig config = JobSession.sessionConfig(settings); // a mistake in the settings fails before any CLI
        return new JobConnection(config, CopilotClient.connect(JobSession.clientOptions(settings).withLog(log)));
    }

    /** A new session with the settings' configuration under {@code sessionId}, its answer not streamed (no deltas). */
    public CopilotSession createSession(String sessionId) {
        return client.createSession(config.toBuilder().sessionId(sessionId).streaming(false).build());
    }

    /** Deletes a stored session; {@code false} if the server had none. */
    public boolean deleteSession(String sessionId) {
        return client.deleteSession(sessionId);
    }

    /** Detaches what is still open and stops a CLI we started. */
    @Override
    public void close() {
        client.close();
    }
}
