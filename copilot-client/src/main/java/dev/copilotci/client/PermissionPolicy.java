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
    /**
     * Reads inside the session's working directory are approved; reads elsewhere (e.g. {@code /proc/self/environ},
     * where a CI job's tokens live), shell, writes, URL fetches and MCP tools are denied.
     */
    READ_ONLY(Set.of("read")),
    /** Everything is approved. Only for trusted prompts on throw-away workspaces. */
    ALLOW_ALL(null);

    private final Set<String> approvedKinds;

    PermissionPolicy(Set<String> approvedKinds) {
        this.approvedKinds = approvedKinds;
    }

    /** Whether a request of this kind is approved, before looking at what it touches. */
    public boolean approves(String kind) {
        return approvedKinds == null || approvedKinds.contains(kind);
    }

    /**
     * The decision for one request: reads under READ_ONLY only within {@code workingDirectory} (lexically, after
     * resolving {@code .} and {@code ..}); without a working directory or a path, no read is approved.
     */
    public boolean approves(String kind, String path, String workingDirectory) {
        if (this == READ_ONLY && "read".equals(kind)) {
            return within(path, workingDirectory);
        }
        return approves(kind);
    }

    static boolean within(String path, String directory) {
        if (path == null || path.isBlank() || directory == null || directory.isBlank()) {
            return false;
        }
        java.util.List<String> dir = segments(directory, null);
        java.util.List<String> target = segments(path, dir);
        return target != null && dir != null && target.size() >= dir.size() && target.subList(0, dir.size()).equals(dir);
    }

    /** Normalised path segments ({@code relative} resolved against {@code base}); null if ".." leaves the root. */
    private static java.util.List<String> segments(String path, java.util.List<String> base) {
        String p = path.replace('\\', '/');
        boolean absolute = p.startsWith("/") || p.matches("^[A-Za-z]:/.*");
        java.util.List<String> out = new java.util.ArrayList<>(absolute || base == null ? java.util.List.of() : base);
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (out.isEmpty()) {
                    return null;
                }
                out.remove(out.size() - 1);
            } else {
                out.add(part);
            }
        }
        return out;
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
