package dev.copilotci.job;

import java.io.IOException;

/**
 * What a job session does about repository instructions: whether the CLI may discover them in the working directory
 * (engine {@code SessionConfig.instructionDiscovery}) and which text goes into the system message instead.
 *
 * @param discovery  let the CLI load instruction files from the working directory (only {@link Instructions#WORKSPACE})
 * @param systemText text to append to the system message ("" for none); never text the change under review added
 * @param note       one line for the job log saying where the instructions came from
 */
public record SessionInstructions(boolean discovery, String systemText, String note) {

    public SessionInstructions {
        systemText = systemText == null ? "" : systemText;
    }

    /**
     * Resolves {@code mode}. {@link Instructions#BASE} without a base ref, or when git cannot read it, falls back to
     * no instructions (discovery stays off: the fallback is never the checkout).
     */
    public static SessionInstructions resolve(Instructions mode, String baseRef, GitCommand git) {
        return switch (mode) {
            case WORKSPACE -> new SessionInstructions(true, "",
                    "instructions: discovered by the Copilot CLI in the working directory");
            case NONE -> new SessionInstructions(false, "", "instructions: none (discovery off)");
            case BASE -> fromBase(baseRef, git);
        };
    }

    private static SessionInstructions fromBase(String baseRef, GitCommand git) {
        if (baseRef == null || baseRef.isBlank() || git == null) {
            return new SessionInstructions(false, "", "instructions: none (discovery off; no base ref known)");
        }
        try {
            String text = BaseInstructions.read(git, baseRef);
            return new SessionInstructions(false, text, text.isEmpty()
                    ? "instructions: none on the base ref (discovery off)"
                    : "instructions: read from the base ref (" + text.length() + " chars; discovery off)");
        } catch (IOException | IllegalArgumentException e) {
            return new SessionInstructions(false, "", "instructions: none (discovery off; the base ref could not be"
                    + " read: " + e.getMessage() + ")");
        }
    }

    /** {@code own} (e.g. a configured system message) followed by the instructions, or null when both are empty. */
    public String systemMessage(String own) {
        String mine = own == null ? "" : own.strip();
        if (systemText.isEmpty()) {
            return mine.isEmpty() ? null : mine;
        }
        return mine.isEmpty() ? systemText : mine + "\n\n" + systemText;
    }
}
