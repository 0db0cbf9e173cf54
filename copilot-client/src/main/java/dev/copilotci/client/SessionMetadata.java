package dev.copilotci.client;

import java.time.Instant;

/** What {@code session.list}/{@code session.getMetadata} report about a stored session. */
public record SessionMetadata(String sessionId, Instant startTime, Instant modifiedTime, boolean detached,
                              String summary, String clientName, String workingDirectory) {
}
