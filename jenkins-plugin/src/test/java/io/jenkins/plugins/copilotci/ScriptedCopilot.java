package io.jenkins.plugins.copilotci;

import dev.copilotci.offline.OfflineCliEnvironment;
import dev.copilotci.offline.PinnedCopilotCli;
import dev.copilotci.offline.ScriptedModelProvider;
import dev.copilotci.testsupport.CliServerFixture;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the OnStubJenkins tests run the plugin against: the real Copilot CLI answering from a scripted model, in an
 * offline CLI environment; by default started as a shared server (steps reach it by CLI URL), or, {@link #noServer()},
 * left for the step to start on the (stub) agent ({@link #onAgent}). Register it with {@code @RegisterExtension} (an
 * instance field: a fresh one per test; a static field: one for the class), or open one with {@link #started()} in a
 * try-with-resources block.
 */
final class ScriptedCopilot implements BeforeEachCallback, AfterEachCallback, BeforeAllCallback, AfterAllCallback,
        AutoCloseable {
    static final String MODEL = "test-model";

    private String connectionToken;
    private boolean withServer = true;
    private boolean perClass;
    private ScriptedModelProvider model;
    private OfflineCliEnvironment offline;
    private CliServerFixture server;

    /** No server: each step starts the pinned CLI itself, as on an agent; returns this (before it starts). */
    ScriptedCopilot noServer() {
        this.withServer = false;
        return this;
    }

    /** A server that requires this connection token from its clients; returns this (before it starts). */
    ScriptedCopilot connectionToken(String token) {
        this.connectionToken = token;
        return this;
    }

    /** Started now, for a try-with-resources block. */
    ScriptedCopilot started() {
        model = ScriptedModelProvider.start();
        offline = OfflineCliEnvironment.create(model);
        if (withServer) {
            server = CliServerFixture.builder().environment(offline).connectionToken(connectionToken).start();
        }
        return this;
    }

    ScriptedModelProvider model() {
        return model;
    }

    /** The offline CLI environment (for a CLI a test starts itself, on the "agent"). */
    OfflineCliEnvironment offline() {
        return offline;
    }

    CliServerFixture server() {
        return server;
    }

    String url() {
        return server.url();
    }

    /** The step, set up to start the pinned CLI on the agent, with the scripted model. */
    <S extends CopilotStep> S onAgent(S step) {
        step.setCliPath(PinnedCopilotCli.locate().executable().toString());
        step.setModel(MODEL);
        step.setProviderBaseUrl(model.baseUrl());
        return step;
    }

    /**
     * Step parameters for a session a test opens without a step: this server, or ({@link #noServer()}) the pinned
     * CLI started on the agent; the scripted model.
     */
    CopilotOverrides overrides() {
        CopilotOverrides o = new CopilotOverrides();
        if (withServer) {
            o.cliUrl = url();
        } else {
            o.cliPath = PinnedCopilotCli.locate().executable().toString();
        }
        o.model = MODEL;
        o.providerBaseUrl = model.baseUrl();
        return o;
    }

    /** The step, set up to use this server and the scripted model. */
    <S extends CopilotStep> S configured(S step) {
        step.setCliUrl(url());
        step.setModel(MODEL);
        step.setProviderBaseUrl(model.baseUrl());
        return step;
    }

    /** The global configuration, set up to use this server and the scripted model. */
    <G extends CopilotGlobalConfiguration> G configured(G global) {
        global.setCliUrls(url());
        global.setModel(MODEL);
        global.setProviderBaseUrl(model.baseUrl());
        return global;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        started();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            started();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }

    /** Stops the server, then the model, then the environment; each part that was started. */
    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (model != null) {
            model.close();
        }
        if (offline != null) {
            offline.close();
        }
    }
}
