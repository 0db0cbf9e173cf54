package dev.copilotci.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The environment variables whose values are secrets wherever they appear in a job: masked in everything we print,
 * post or return. (Which variables a CLI we start may see is the engine's {@code CliEnvironment}: it passes none of
 * these.)
 */
public final class SecretEnvironment {
    /** Tokens and keys the Copilot CLI, GitHub and the action use. */
    public static final List<String> NAMES = List.of("COPILOT_CONNECTION_TOKEN", "GITHUB_TOKEN", "GH_TOKEN",
            "COPILOT_GITHUB_TOKEN", "COPILOT_PROVIDER_API_KEY", "COPILOT_PROVIDER_BEARER_TOKEN",
            "COPILOT_CI_PROVIDER_API_KEY");

    private SecretEnvironment() {
    }

    /** The non-blank values of {@link #NAMES} and of the extra names (e.g. the one naming a provider key). */
    public static List<String> values(Map<String, String> env, String... extraNames) {
        List<String> values = new ArrayList<>();
        List<String> names = new ArrayList<>(NAMES);
        for (String extra : extraNames) {
            if (extra != null) {
                names.add(extra);
            }
        }
        for (String name : names) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                values.add(v);
            }
        }
        return values;
    }
}
