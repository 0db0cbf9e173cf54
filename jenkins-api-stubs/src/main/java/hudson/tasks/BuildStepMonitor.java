package hudson.tasks;

/**
 * Stub of core {@code hudson.tasks.BuildStepMonitor}: the three constants; the abstract {@code perform} (which needs
 * {@code AbstractBuild} and {@code BuildListener}) and the constants' bodies are omitted.
 */
public enum BuildStepMonitor {
    NONE,
    STEP,
    BUILD
}
