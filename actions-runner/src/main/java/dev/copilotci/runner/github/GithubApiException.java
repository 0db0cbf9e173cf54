package dev.copilotci.runner.github;

/** A GitHub REST call answered with a non-success status. The message never contains the token. */
public final class GithubApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String githubMessage;

    GithubApiException(int status, String githubMessage) {
        super("HTTP " + status + (githubMessage.isEmpty() ? "" : ": " + githubMessage));
        this.status = status;
        this.githubMessage = githubMessage;
    }

    public int status() {
        return status;
    }

    String githubMessage() {
        return githubMessage;
    }
}
