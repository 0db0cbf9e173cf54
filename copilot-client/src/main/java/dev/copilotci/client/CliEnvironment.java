package dev.copilotci.client;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The environment for a CLI started in a CI job: an allow-list of the job's variables, so tools the model may run
 * (or files it may read) never see the job's secrets — no GITHUB_TOKEN, GH_TOKEN, provider key or any variable a
 * credentials binding added. The only token passed on is the one Copilot itself needs, as COPILOT_GITHUB_TOKEN, and
 * only when no BYOK provider is used.
 */
public final class CliEnvironment {
    private static final Pattern ALLOWED = Pattern.compile("PATH|HOME|USER|LOGNAME|SHELL|TERM|LANG|LC_[A-Z_]+|TZ"
            + "|TMPDIR|TEMP|TMP|XDG_[A-Z_]+|(?i:https?_proxy|no_proxy)|NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR"
            + "|CI|GITHUB_ACTIONS|RUNNER_OS|RUNNER_TEMP|GH_HOST|COPILOT_[A-Z_]+|NO_COLOR");
    private static final Set<String> SECRET_COPILOT = Set.of("COPILOT_PROVIDER_API_KEY",
            "COPILOT_PROVIDER_BEARER_TOKEN", "COPILOT_PROVIDER_API_KEY_COMMAND", "COPILOT_CONNECTION_TOKEN",
            "COPILOT_GITHUB_TOKEN");

    private CliEnvironment() {
    }

    /** @param githubToken the token for Copilot if the caller has it apart from the environment, else {@code null} */
    public static Map<String, String> forCli(Map<String, String> jobEnv, boolean byokProvider, String githubToken) {
        Map<String, String> env = new HashMap<>();
        jobEnv.forEach((name, value) -> {
            if (ALLOWED.matcher(name).matches() && !SECRET_COPILOT.contains(name)) {
                env.put(name, value);
            }
        });
        if (!byokProvider && githubToken != null && !githubToken.isBlank()) {
            env.put("COPILOT_GITHUB_TOKEN", githubToken);
        } else if (!byokProvider) {
            // The CLI's own precedence: COPILOT_GITHUB_TOKEN, GH_TOKEN, GITHUB_TOKEN.
            for (String name : new String[] {"COPILOT_GITHUB_TOKEN", "GH_TOKEN", "GITHUB_TOKEN"}) {
                String token = jobEnv.get(name);
                if (token != null && !token.isBlank()) {
                    env.put("COPILOT_GITHUB_TOKEN", token);
                    break;
                }
            }
        }
        return env;
    }
}
