package dev.copilotci.client;

import java.time.Duration;

/** Model usage of one turn, summed over its model calls. */
public record Usage(String model, long inputTokens, long outputTokens, long cacheReadTokens, int modelCalls,
                    Duration modelTime) {
    public static final Usage NONE = new Usage(null, 0, 0, 0, 0, Duration.ZERO);

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
