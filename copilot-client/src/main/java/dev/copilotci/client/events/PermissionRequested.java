package dev.copilotci.client.events;

/** The agent asks to run something that needs approval; the session's permission policy answers it. */
public record PermissionRequested(RawEvent raw, String requestId, String kind, String summary, boolean resolvedByHook)
        implements SessionEvent {
}
