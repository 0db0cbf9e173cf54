package dev.copilotci.client;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a CI session may do without a human. Every {@code permission.requested} is answered at once by this policy,
 * so a turn never waits for an approval nobody will give. Custom tools registered with the session are always
 * allowed: their owner declared them (that exception is applied where the answer is made, in
 * {@code ServerRequestAnswers}, in every mode).
 *
 * <p>What the CLI 1.0.102 asks about: {@code view}, {@code grep} and {@code glob} (also when a {@code task}
 * sub-agent calls them) send kind {@code read} with one {@code path} (the CLI's absolute form of what the model
 * passed; {@code grep}/{@code glob} without paths send the working directory, and one request per entry of their
 * {@code paths} array); {@code create}/{@code edit} send {@code write} with {@code fileName}; {@code bash} sends
 * {@code shell}. {@code sql} and {@code skill} ask nothing (they cannot read arbitrary files). Searches inside the
 * checkout do not follow links ({@code grep} and {@code glob} skip them; {@code view} of a directory lists a link's
 * name, not its contents), which is why judging the requested paths by real path is enough.
 */
public enum PermissionPolicy {
    /** The default: nothing that needs approval runs (no reads, no shell, no writes, no URL fetches, no MCP). */
    DENY(Set.of()),
    /**
     * Reads only, and only of files whose REAL path (every symlink followed) lies inside the real path of the
     * session's working directory, outside any {@code .git} directory and outside {@code /proc}, {@code /sys} and
     * {@code /dev}. A path that does not exist is judged by its nearest existing parent; a dangling link, a link
     * loop, or a read request that names no path is denied, as is every read when the session has no working
     * directory. Shell, writes, URL fetches and MCP tools are denied. This is what lets a CI job review an untrusted
     * pull request: links it adds to {@code /proc/self/environ}, to files or directories outside the checkout, or
     * to {@code .git/config} (where actions/checkout keeps the token) cannot be read.
     */
    READ_ONLY(Set.of("read")),
    /**
     * Everything is approved, with no path checks at all: reads anywhere (including {@code /proc/self/environ} and
     * {@code .git/config}), shell, writes, URL fetches, MCP. Only for trusted prompts on throw-away workspaces.
     */
    ALLOW_ALL(null);

    private final Set<String> approvedKinds;

    PermissionPolicy(Set<String> approvedKinds) {
        this.approvedKinds = approvedKinds;
    }

    /**
     * Whether this policy can approve a request of this kind at all, before looking at what it touches; a read
     * under READ_ONLY still needs {@link #decide}.
     */
    public boolean approves(String kind) {
        return approvedKinds == null || approvedKinds.contains(kind);
    }

    /**
     * The decision for one request of {@code kind} that touches {@code paths} (every path the request names), in a
     * session working in {@code workingDirectory} (may be null).
     */
    public PermissionDecision decide(String kind, List<String> paths, String workingDirectory) {
        if (this == ALLOW_ALL) {
            return PermissionDecision.approve();
        }
        if (!approves(kind)) {
            return PermissionDecision.deny("'" + kind + "' requests are not allowed");
        }
        if (paths.isEmpty()) {
            return PermissionDecision.deny("the request names no path, so its reach is unknown");
        }
        if (workingDirectory == null || workingDirectory.isBlank()) {
            return PermissionDecision.deny("the session has no working directory to read from");
        }
        ReadScope scope;
        try {
            scope = ReadScope.of(workingDirectory);
        } catch (IOException | RuntimeException e) {
            return PermissionDecision.deny("the working directory cannot be resolved");
        }
        for (String path : paths) {
            if (path == null || path.isBlank()) {
                return PermissionDecision.deny("the request names an empty path");
            }
            String refusal = scope.refusal(path);
            if (refusal != null) {
                return PermissionDecision.deny(path + " " + refusal + "; only files inside the checkout may be read");
            }
        }
        return PermissionDecision.approve();
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
