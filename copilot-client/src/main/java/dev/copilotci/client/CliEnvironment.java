package dev.copilotci.client;

import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The environment for a CLI started in a CI job: an allow-list of the job's variables, so tools the model may run
 * (or files it may read, such as {@code /proc/$PPID/environ}) never see the job's secrets — no GITHUB_TOKEN,
 * GH_TOKEN, provider key or any variable a credentials binding added.
 *
 * <p>Three filters, each enough on its own for the secrets it names: the allow-list of names; a deny-list of every
 * name that looks secret ({@code *TOKEN*}, {@code *KEY*}, {@code *SECRET*}, {@code *PASSWORD*},
 * {@code *CREDENTIAL*}, any case), every {@code COPILOT_CI_*} (the action's own inputs, its BYOK key among them)
 * and every {@code COPILOT_PROVIDER_*} (the provider, key included, travels in {@code session.create}); and the
 * names the caller says hold a secret (e.g. the variable named by {@code --provider-api-key-env}).
 *
 * <p>No token at all: the GitHub token travels per session ({@code session.create}'s {@code gitHubToken}, see
 * {@link #githubToken(Map)}). Measured with CLI 1.0.102 started over stdio with no token in its environment and a
 * recording TLS proxy: the session's token was sent as {@code Authorization: Bearer} to api.github.com
 * ({@code /copilot_internal/user}) and to api.githubcopilot.com ({@code /models}, {@code /chat/completions}).
 * One exception to the COPILOT_PROVIDER_* rule: with {@code COPILOT_OFFLINE=true} the CLI refuses to start without
 * {@code COPILOT_PROVIDER_BASE_URL}, so that one name passes then, if its URL carries no user-info or query (where a
 * key could hide).
 */
public final class CliEnvironment {
    private static final Pattern ALLOWED = Pattern.compile("PATH|HOME|USER|LOGNAME|SHELL|TERM|LANG|LC_[A-Z_]+|TZ"
            + "|TMPDIR|TEMP|TMP|XDG_[A-Z_]+|(?i:https?_proxy|no_proxy)|NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR"
            + "|CI|GITHUB_ACTIONS|RUNNER_OS|RUNNER_TEMP|GH_HOST|COPILOT_[A-Z_]+|NO_COLOR");
    /** Names that say they hold a secret; dropped whatever the allow-list says. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(TOKEN|KEY|SECRET|PASSWORD|CREDENTIAL).*");
    /** The action's inputs (COPILOT_CI_PROVIDER_API_KEY…) and the CLI's provider settings (key, key command…). */
    private static final Pattern OURS_OR_PROVIDER = Pattern.compile("(?i)COPILOT_CI_.*|COPILOT_PROVIDER_.*");
    private static final String OFFLINE = "COPILOT_OFFLINE";
    private static final String PROVIDER_BASE_URL = "COPILOT_PROVIDER_BASE_URL";
    /** The CLI's own precedence for GitHub auth from the environment. */
    private static final List<String> GITHUB_TOKEN_VARS = List.of("COPILOT_GITHUB_TOKEN", "GH_TOKEN", "GITHUB_TOKEN");

    private CliEnvironment() {
    }

    /** {@link #forCli(Map, Collection)} with no extra secret names. */
    public static Map<String, String> forCli(Map<String, String> jobEnv) {
        return forCli(jobEnv, Set.of());
    }

    /** @param secretNames further variables that hold a secret whatever their name (compared ignoring case) */
    public static Map<String, String> forCli(Map<String, String> jobEnv, Collection<String> secretNames) {
        Set<String> extra = secretNames.stream().map(n -> n.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        Map<String, String> env = new HashMap<>();
        jobEnv.forEach((name, value) -> {
            if (value != null && isPassed(name) && !extra.contains(name.toUpperCase(Locale.ROOT))) {
                env.put(name, value);
            }
        });
        String baseUrl = jobEnv.get(PROVIDER_BASE_URL);
        if ("true".equalsIgnoreCase(String.valueOf(jobEnv.get(OFFLINE)).strip()) && isPlainUrl(baseUrl)) {
            env.put(PROVIDER_BASE_URL, baseUrl);
        }
        return env;
    }

    /**
     * The GitHub token the job's environment offers Copilot, by the CLI's own precedence (COPILOT_GITHUB_TOKEN,
     * GH_TOKEN, GITHUB_TOKEN), or {@code null}: for {@code session.create}, never for the CLI's environment.
     */
    public static String githubToken(Map<String, String> jobEnv) {
        for (String name : GITHUB_TOKEN_VARS) {
            String token = jobEnv.get(name);
            if (token != null && !token.isBlank()) {
                return token;
            }
        }
        return null;
    }

    /** Whether a variable of this name may reach the CLI at all. */
    static boolean isPassed(String name) {
        return ALLOWED.matcher(name).matches() && !SECRET_NAME.matcher(name).matches()
                && !OURS_OR_PROVIDER.matcher(name).matches();
    }

    private static boolean isPlainUrl(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(url.strip());
            return uri.getScheme() != null && uri.getRawUserInfo() == null && uri.getRawQuery() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
