package dev.copilotci.testsupport;

import dev.copilotci.offline.OfflineCliEnvironment;
import dev.copilotci.offline.ScriptedModelProvider;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh scripted model provider and the offline CLI environment that points the CLI at it, for each test: no test
 * sees another's queued answers or recorded requests.
 */
final class OfflineCliExtension implements BeforeEachCallback, AfterEachCallback {
    private ScriptedModelProvider provider;
    private OfflineCliEnvironment environment;

    @Override
    public void beforeEach(ExtensionContext context) {
        provider = ScriptedModelProvider.start();
        environment = OfflineCliEnvironment.create(provider);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        provider.close();
        environment.close();
    }

    ScriptedModelProvider provider() {
        return provider;
    }

    OfflineCliEnvironment environment() {
        return environment;
    }
}
