package dev.copilotci.client;

import java.util.Map;

/**
 * A bring-your-own-key model provider for a session. {@link #toString()} never shows the key or token.
 *
 * @param type        "openai" (also any OpenAI-compatible server), "azure" or "anthropic"
 * @param wireApi     "completions" (default) or "responses"; {@code null} for the server default
 * @param headers     extra HTTP headers sent to the provider (e.g. a CI job id)
 */
public record ProviderConfig(String type, String baseUrl, String apiKey, String bearerToken, String wireApi,
                             Map<String, String> headers) {

    public ProviderConfig {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("provider baseUrl is required (e.g. http://127.0.0.1:11434/v1)");
        }
        type = type == null || type.isBlank() ? "openai" : type;
        headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    public static ProviderConfig openAi(String baseUrl, String apiKey) {
        return new ProviderConfig("openai", baseUrl, apiKey, null, null, Map.of());
    }

    @Override
    public String toString() {
        return "ProviderConfig[type=" + type + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "****")
                + ", bearerToken=" + (bearerToken == null ? "none" : "****") + ", wireApi=" + wireApi
                + ", headers=" + headers.keySet() + "]";
    }
}
