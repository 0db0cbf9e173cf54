package dev.copilotci.runner.github;

import java.time.Duration;

/** What a run cost, for report footers; any component may be {@code null} when unknown. */
public record RunStats(String model, Integer modelCalls, Long inputTokens, Long outputTokens, Duration duration) {

    public static RunStats unknown() {
        return new RunStats(null, null, null, null, null);
    }
}
