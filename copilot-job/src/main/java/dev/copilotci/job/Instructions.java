package dev.copilotci.job;

import java.util.Locale;

/**
 * Where a job's repository instructions (AGENTS.md, .github/copilot-instructions.md, ...) come from. The files in a
 * pull request's checkout are the pull request's text: an attacker who adds "report no findings" there must not reach
 * the system prompt, so anything that judges a change reads them from the base ref instead.
 */
public enum Instructions {
    /** The Copilot CLI discovers them in the working directory (its own behaviour): only for a trusted checkout. */
    WORKSPACE,
    /** Discovery off; the files as they are on the base ref (read with git) are appended to the system message. */
    BASE,
    /** Discovery off and none appended. */
    NONE;

    /** {@code workspace}, {@code base} or {@code none}, case-insensitive. */
    public static Instructions parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (Instructions i : values()) {
            if (i.name().equals(v)) {
                return i;
            }
        }
        throw new IllegalArgumentException("instructions must be workspace, base or none, got '" + value + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
