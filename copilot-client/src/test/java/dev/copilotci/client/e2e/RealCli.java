package dev.copilotci.client.e2e;

import dev.copilotci.client.CliLaunchOptions;
import dev.copilotci.client.ClientOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.ProviderConfig;
import dev.copilotci.client.SessionConfig;
import dev.copilotci.testsupport.CliServerFixture;
import dev.copilotci.offline.OfflineCliEnvironment;
import dev.copilotci.offline.PinnedCopilotCli;
import dev.copilotci.offline.ScriptedModelProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The world of an end-to-end test: a scripted model provider on loopback and the REAL pinned Copilot CLI, offline,
 * with its own temporary COPILOT_HOME. Closes everything it opened, in reverse order.
 */
final class RealCli implements AutoCloseable {
    final ScriptedModelProvider provider;
    final OfflineCliEnvironment env;
    final List<String> clientLog = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    private RealCli(ScriptedModelProvider provider, OfflineCliEnvironment env) {
        this.provider = provider;
        this.env = env;
    }

    static RealCli start() {
        ScriptedModelProvider provider = ScriptedModelProvider.start();
        return new RealCli(provider, OfflineCliEnvironment.create(provider));
    }

    CliLaunchOptions.Builder launchOptions(CliLaunchOptions.Mode mode) {
        return CliLaunchOptions.builder()
                .cliPath(PinnedCopilotCli.locate().executable())
                .mode(mode)
                .inheritEnvironment(false)
                .environment(env.env())
                .logSink(line -> clientLog.add("[cli] " + line));
    }

    /** A client that starts its own CLI (TCP mode unless told otherwise). */
    CopilotClient launchClient(CliLaunchOptions.Mode mode) {
        return track(CopilotClient.connect(ClientOptions.launch(launchOptions(mode).build()).withLog(clientLog::add)));
    }

    /** A shared server started independently of our engine, optionally with a connection token. */
    CliServerFixture sharedServer(String token) {
        CliServerFixture.Builder b = CliServerFixture.builder().environment(env);
        if (token != null) {
            b.connectionToken(token);
        }
        return track(b.start());
    }

    CopilotClient connectClient(List<String> urls, String token) {
        return track(CopilotClient.connect(ClientOptions.connectTo(urls, token).withLog(clientLog::add)));
    }

    SessionConfig.Builder session(String id) {
        // Headless sessions do not use the server's COPILOT_PROVIDER_* env: each session names its provider (BYOK).
        return SessionConfig.builder().sessionId(id).model(env.model())
                .provider(ProviderConfig.openAi(provider.baseUrl(), null));
    }

    Map<String, String> environment() {
        return env.env();
    }

    <T extends AutoCloseable> T track(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception ignored) {
                // keep closing the rest
            }
        }
        provider.close();
        env.close();
    }
}
