package dev.copilotci.runner.github;

import dev.copilotci.client.TurnResult;
import java.time.Duration;

/** What a run cost, for report footers; any component may be {@code null} when unknown. */
public record RunStats(String model, Integer modelCalls, Long inputTokens, Long outputTokens, Duration duration) {

    /** What {@code turn} reported: its model, model calls, tokens and duration. */
    public static RunStats of(TurnResult turn) {
        return new RunStats(turn.usage().model(), turn.usage().modelCalls(), turn.usage().inputTokens(),
                turn.usage().outputTokens(), turn.duration());
    }

    public static RunStats unknown() {
        return new RunStats(null, null, null, null, null);
    }
}
