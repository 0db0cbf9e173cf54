package dev.copilotci.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link CopilotClient} reaches its server and how long it waits.
 *
 * @param connectTimeout deadline for opening a connection and for the handshake
 * @param requestTimeout deadline for every single request (turns have their own, longer, deadlines)
 * @param log            one line per notable client event (reconnects, recoveries, CLI output); never secrets
 */
public record ClientOptions(ServerConnector connector, Duration connectTimeout, Duration requestTimeout,
                            Consumer<String> log) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public ClientOptions {
        Objects.requireNonNull(connector, "connector");
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        log = log == null ? line -> { } : log;
    }

    /** Connect to a shared server; several URLs are tried in order. */
    public static ClientOptions connectTo(List<String> urls, String connectionToken) {
        return new ClientOptions(new ServerConnector.ConnectToUrls(
                urls.stream().map(CliUrl::parse).toList(), connectionToken), null, null, null);
    }

    /** Start our own server and stop it on {@link CopilotClient#close()}. */
    public static ClientOptions launch(CliLaunchOptions launch) {
        return new ClientOptions(new ServerConnector.LaunchCli(launch), null, null, null);
    }

    public static ClientOptions overTransport(ServerConnector.TransportOpener opener, boolean ownsServer) {
        return new ClientOptions(new ServerConnector.OpenTransport(opener, null, ownsServer), null, null, null);
    }

    public ClientOptions withLog(Consumer<String> sink) {
        return new ClientOptions(connector, connectTimeout, requestTimeout, sink);
    }

    public ClientOptions withTimeouts(Duration connect, Duration request) {
        return new ClientOptions(connector, connect, request, log);
    }
}
