package dev.copilotci.client;

import java.util.Locale;
import java.util.Set;

/**
 * What a CI session may do without a human. Every {@code permission.requested} is answered at once by this policy,
 * so a turn never waits for an approval nobody will give. Custom tools registered with the session are always
 * allowed: their owner declared them.
 */
public enum PermissionPolicy {
    /** The default: nothing that needs approval runs (no shell, no writes, no URL fetches, no MCP). */
    DENY(Set.of()),
    /** Reads are approved; shell, writes, URL fetches and MCP tools are denied. */
    READ_ONLY(Set.of("read")),
    /** Everything is approved. Only for trusted prompts on throw-away workspaces. */
    ALLOW_ALL(null);

    private final Set<String> approvedKinds;

    PermissionPolicy(Set<String> approvedKinds) {
        this.approvedKinds = approvedKinds;
    }

    public boolean approves(String kind) {
        return approvedKinds == null || approvedKinds.contains(kind);
    }

    /** Accepts {@code deny}, {@code read-only}/{@code readOnly}/{@code READ_ONLY}, {@code allow-all}/{@code allowAll}. */
    public static PermissionPolicy parse(String text) {
        if (text == null || text.isBlank()) {
            return DENY;
        }
        String norm = text.trim().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        return switch (norm) {
            case "deny" -> DENY;
            case "readonly" -> READ_ONLY;
            case "allowall" -> ALLOW_ALL;
            default -> throw new IllegalArgumentException("Unknown permission policy '" + text
                    + "': use deny, read-only or allow-all");
        };
    }

    /** The spelling used on command lines and in docs: deny, read-only, allow-all. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
