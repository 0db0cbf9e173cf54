package dev.copilotci.runner.github;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Unpredictable tokens for workflow-command and output-file framing. */
final class SecureTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecureTokens() {
    }

    /** 128 random bits as 32 lowercase hex digits. */
    static String randomHex128() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
