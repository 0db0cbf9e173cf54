package dev.copilotci.client;

import java.time.Duration;

/** Model usage of one turn, summed over its model calls. */
public record Usage(String model, long inputTokens, long outputTokens, long cacheReadTokens, int modelCalls,
                    Duration modelTime) {
    public static final Usage NONE = new Usage(null, 0, 0, 0, 0, Duration.ZERO);

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** Both turns' usage together (several prompts of one job); the model is the later one's when it has one. */
    public Usage plus(Usage other) {
        return new Usage(other.model != null ? other.model : model, inputTokens + other.inputTokens,
                outputTokens + other.outputTokens, cacheReadTokens + other.cacheReadTokens,
                modelCalls + other.modelCalls, modelTime.plus(other.modelTime));
    }
}
