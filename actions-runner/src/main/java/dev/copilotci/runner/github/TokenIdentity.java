package dev.copilotci.runner.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who the GitHub token acts as, so that only comments written by that identity are ever edited: a sticky-comment
 * marker is plain text anyone can plant first, the comment's author is not.
 *
 * <p>{@code GET /user} names the user of a personal access token. Installation tokens, the job's
 * {@code GITHUB_TOKEN} among them, get 403 "Resource not accessible by integration" there; their comments are
 * written by {@value #JOB_TOKEN_LOGIN}. (A token of another GitHub App writes as {@code <app>[bot]}: its sticky
 * comment is then never found and a new one is created each run, which is safe, just noisy.)
 *
 * @param login the login comments written with this token carry in {@code user.login}
 */
record TokenIdentity(String login) {

    static final String JOB_TOKEN_LOGIN = "github-actions[bot]";
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\\[bot])?");

    TokenIdentity {
        if (login == null || !LOGIN.matcher(login).matches()) {
            throw new IllegalArgumentException("not a GitHub login");
        }
    }

    /** Asks the API who the token is; other errors (401, 5xx, timeouts) propagate to the caller. */
    static TokenIdentity of(GithubApi api) throws GithubApiException, IOException, InterruptedException {
        JsonNode user;
        try {
            user = api.call("GET", "/user", null);
        } catch (GithubApiException e) {
            if (e.status() == 403) {
                return new TokenIdentity(JOB_TOKEN_LOGIN);
            }
            throw e;
        }
        String login = user.path("login").asText("");
        if (!LOGIN.matcher(login).matches()) {
            throw new IOException("GET /user returned no usable login");
        }
        return new TokenIdentity(login);
    }

    /** True when {@code comment} (an issue comment from the REST API) was written by this identity. */
    boolean wrote(JsonNode comment) {
        String author = comment.path("user").path("login").asText("");
        // Logins are case-insensitive; "[bot]" cannot appear in a user's login, so a user cannot pose as a bot.
        return author.toLowerCase(Locale.ROOT).equals(login.toLowerCase(Locale.ROOT));
    }
}
