package dev.copilotci.client.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The agent asks to run something that needs approval; the session's permission policy answers it. */
public record PermissionRequested(RawEvent raw, String requestId, String kind, String summary, boolean resolvedByHook)
        implements SessionEvent {
    /** Fields that carry file paths in CLI 1.0.102 requests (read: path; write: fileName; "path" prompts: paths). */
    private static final List<String> PATH_FIELDS = List.of("path", "paths", "fileName");

    /**
     * Every path this request names, in {@code permissionRequest} and in its {@code promptRequest} twin (the CLI
     * sometimes describes the same access differently there); a field that is present but not text counts as an
     * empty path, so a policy that checks paths refuses what it cannot read instead of skipping it.
     */
    public List<String> paths() {
        List<String> out = new ArrayList<>();
        for (String part : List.of("permissionRequest", "promptRequest")) {
            JsonNode request = raw.data().path(part);
            for (String field : PATH_FIELDS) {
                JsonNode value = request.path(field);
                if (value.isMissingNode() || value.isNull()) {
                    continue;
                }
                if (value.isArray()) {
                    value.forEach(v -> out.add(v.isTextual() ? v.asText() : ""));
                } else {
                    out.add(value.isTextual() ? value.asText() : "");
                }
            }
        }
        return out;
    }
}
