package dev.copilotci.offline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Environment for running the real Copilot CLI offline against a local OpenAI-compatible provider (normally a
 * {@link ScriptedModelProvider}), isolated from the user's {@code $HOME} and from the network.
 *
 * <p>Sets {@code COPILOT_OFFLINE=true} (no GitHub auth, telemetry, web tools, GitHub MCP server or auto-update),
 * {@code COPILOT_PROVIDER_BASE_URL}, {@code COPILOT_MODEL}, a fresh temporary {@code COPILOT_HOME} (config, logs,
 * session state), {@code COPILOT_AUTO_UPDATE=false}, {@code XDG_CACHE_HOME} (where the CLI otherwise extracts its
 * ~235 MB package into {@code $HOME/.cache/copilot} and writes a device id) and {@code NO_COLOR=1}.
 * {@link #applyTo(ProcessBuilder)} also removes inherited credentials, proxies, OpenTelemetry exporters and other
 * {@code COPILOT_*} settings so a developer's shell cannot change the test or leak a token into it.
 *
 * <p>{@link #close()} deletes the temporary {@code COPILOT_HOME}; close it after the CLI process has ended.
 */
public final class OfflineCliEnvironment implements AutoCloseable {

    public static final String DEFAULT_MODEL = "test-model";

    private final Map<String, String> env;
    private final Path copilotHome;
    private final boolean ownsHome;

    private OfflineCliEnvironment(Map<String, String> env, Path copilotHome, boolean ownsHome) {
        this.env = Map.copyOf(env);
        this.copilotHome = copilotHome;
        this.ownsHome = ownsHome;
    }

    /** Offline environment for {@code provider} with model {@value #DEFAULT_MODEL} and a temporary home. */
    public static OfflineCliEnvironment create(ScriptedModelProvider provider) {
        return builder(provider).build();
    }

    public static Builder builder(ScriptedModelProvider provider) {
        return new Builder(provider.baseUrl());
    }

    /** For a provider given by URL, e.g. {@code http://127.0.0.1:8080/v1}. */
    public static Builder builder(String providerBaseUrl) {
        return new Builder(providerBaseUrl);
    }

    /** The variables to set (unmodifiable). Prefer {@link #applyTo(ProcessBuilder)}, which also strips leaks. */
    public Map<String, String> env() {
        return env;
    }

    /** The {@code COPILOT_HOME} directory (session state lives in {@code session-state/<id>}). */
    public Path copilotHome() {
        return copilotHome;
    }

    public String model() {
        return env.get("COPILOT_MODEL");
    }

    public String providerBaseUrl() {
        return env.get("COPILOT_PROVIDER_BASE_URL");
    }

    /** Removes inherited variables that could leak credentials or redirect the CLI, then sets {@link #env()}. */
    public ProcessBuilder applyTo(ProcessBuilder builder) {
        Map<String, String> target = builder.environment();
        target.keySet().removeIf(OfflineCliEnvironment::isStripped);
        target.putAll(env);
        return builder;
    }

    /**
     * Whether an inherited variable is removed by {@link #applyTo}: GitHub tokens and hosts, every {@code COPILOT_*}
     * (provider keys, {@code COPILOT_ALLOW_ALL}, connection token…), proxies (the provider is on loopback) and
     * OpenTelemetry exporter settings.
     */
    public static boolean isStripped(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("COPILOT_")
                || upper.equals("GITHUB_TOKEN") || upper.equals("GH_TOKEN") || upper.equals("GH_HOST")
                || upper.equals("GH_ENTERPRISE_TOKEN") || upper.equals("GITHUB_ENTERPRISE_TOKEN")
                || upper.equals("HTTP_PROXY") || upper.equals("HTTPS_PROXY") || upper.equals("ALL_PROXY")
                || upper.startsWith("OTEL_");
    }

    /** Deletes the temporary {@code COPILOT_HOME} (best effort; not when it was supplied by the caller). */
    @Override
    public void close() {
        if (ownsHome) {
            deleteRecursively(copilotHome);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a CLI that is still writing (or a file lock) must not fail the test
        }
    }

    /** Builder; everything but the provider URL has a default. */
    public static final class Builder {
        private final String baseUrl;
        private String model = DEFAULT_MODEL;
        private Path copilotHome;
        private Path cacheDir;
        private final Map<String, String> extra = new LinkedHashMap<>();

        private Builder(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        }

        /** {@code COPILOT_MODEL}; also the wire model sent to the provider. */
        public Builder model(String model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Use this {@code COPILOT_HOME} (kept on close) instead of a fresh temporary directory. */
        public Builder copilotHome(Path home) {
            this.copilotHome = home;
            return this;
        }

        /**
         * {@code XDG_CACHE_HOME}. Default: {@code <node_modules>/.cache/copilot-ci} of the pinned CLI, shared by all
         * tests so the package is extracted once, and never a newer auto-updated version from the user's cache.
         */
        public Builder cacheDir(Path dir) {
            this.cacheDir = dir;
            return this;
        }

        /** Any further variable, e.g. {@code COPILOT_PROVIDER_MAX_PROMPT_TOKENS}; overrides the defaults. */
        public Builder put(String name, String value) {
            extra.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public OfflineCliEnvironment build() {
            boolean ownsHome = copilotHome == null;
            Path home;
            Path cache;
            try {
                home = ownsHome ? Files.createTempDirectory("copilot-home-") : Files.createDirectories(copilotHome);
                cache = Files.createDirectories(cacheDir != null ? cacheDir : defaultCacheDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create CLI directories", e);
            }
            Map<String, String> env = new LinkedHashMap<>();
            env.put("COPILOT_OFFLINE", "true");
            env.put("COPILOT_PROVIDER_BASE_URL", baseUrl);
            env.put("COPILOT_MODEL", model);
            env.put("COPILOT_HOME", home.toString());
            env.put("COPILOT_AUTO_UPDATE", "false");
            env.put("XDG_CACHE_HOME", cache.toString());
            env.put("NO_COLOR", "1");
            env.put("NO_PROXY", "127.0.0.1,localhost,::1");
            env.put("no_proxy", "127.0.0.1,localhost,::1");
            env.putAll(extra);
            return new OfflineCliEnvironment(env, home, ownsHome);
        }

        private static Path defaultCacheDir() {
            try {
                return PinnedCopilotCli.locate().nodeModules()
                        .map(nm -> nm.resolve(".cache").resolve("copilot-ci"))
                        .orElseGet(OfflineCliEnvironment.Builder::tempCacheDir);
            } catch (IllegalStateException | UncheckedIOException noCli) {
                return tempCacheDir();
            }
        }

        private static Path tempCacheDir() {
            return Paths.get(System.getProperty("java.io.tmpdir"), "copilot-ci-cli-cache-" + System.getProperty("user.name"));
        }
    }
}
