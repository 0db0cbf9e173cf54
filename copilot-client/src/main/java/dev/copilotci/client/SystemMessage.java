package dev.copilotci.client;

/** Text added to ({@link Mode#APPEND}) or replacing ({@link Mode#REPLACE}) the agent's system prompt. */
public record SystemMessage(Mode mode, String content) {
    public enum Mode { APPEND, REPLACE }

    public SystemMessage {
        if (mode == null) {
            mode = Mode.APPEND;
        }
        if (content == null) {
            throw new IllegalArgumentException("system message content is required");
        }
    }

    public static SystemMessage append(String content) {
        return new SystemMessage(Mode.APPEND, content);
    }

    public static SystemMessage replace(String content) {
        return new SystemMessage(Mode.REPLACE, content);
    }
}
