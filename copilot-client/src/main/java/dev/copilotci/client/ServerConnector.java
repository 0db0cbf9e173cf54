package dev.copilotci.client;

import java.io.IOException;
import java.util.List;

/** Where the client finds its server; also how it finds it again after a connection is lost. */
public sealed interface ServerConnector {

    /** A shared server at one or more URLs, tried in order (failover). The token is never logged. */
    record ConnectToUrls(List<CliUrl> urls, String connectionToken) implements ServerConnector {
        public ConnectToUrls {
            if (urls == null || urls.isEmpty()) {
                throw new IllegalArgumentException("at least one CLI URL is required");
            }
            urls = List.copyOf(urls);
            connectionToken = connectionToken == null || connectionToken.isBlank() ? null : connectionToken;
        }

        @Override
        public String toString() {
            return "ConnectToUrls" + urls + (connectionToken == null ? "" : " with a connection token");
        }
    }

    /** A server this client starts, owns and stops; restarted if it dies. */
    record LaunchCli(CliLaunchOptions options) implements ServerConnector {
    }

    /**
     * Any transport the caller can open, e.g. the stdio of a CLI started on a Jenkins agent. {@code open()} is called
     * again to reconnect; {@code ownsServer} means closing the client may shut that server down.
     */
    record OpenTransport(TransportOpener opener, String connectionToken, boolean ownsServer) implements ServerConnector {
        @Override
        public String toString() {
            return "OpenTransport[ownsServer=" + ownsServer + (connectionToken == null ? "" : ", with a connection token")
                    + "]";
        }
    }

    @FunctionalInterface
    interface TransportOpener {
        Transport open() throws IOException;
    }
}
