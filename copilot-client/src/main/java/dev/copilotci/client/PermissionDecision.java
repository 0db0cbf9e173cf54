package dev.copilotci.client;

/**
 * The answer to one permission request.
 *
 * @param approved whether the tool may run
 * @param reason   why not, for the job log and the model (null when approved); never contains file contents
 */
public record PermissionDecision(boolean approved, String reason) {
    private static final PermissionDecision APPROVED = new PermissionDecision(true, null);

    static PermissionDecision approve() {
        return APPROVED;
    }

    static PermissionDecision deny(String reason) {
        return new PermissionDecision(false, reason);
    }
}
