package dev.copilotci.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.copilotci.client.CopilotAuthenticationException;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotConnectionException;
import dev.copilotci.client.CopilotException;
import dev.copilotci.testsupport.CliServerFixture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connecting to a shared server started independently (as a CI owner would): URL forms, tokens, wrong targets. */
@Timeout(120)
class ConnectEndToEndTest {
    private static final String TOKEN = "conn-token-3f9c2a71";

    @Test
    void everyUrlFormReachesTheServerAndTheRightTokenIsAccepted() throws Exception {
        try (RealCli world = RealCli.start()) {
            CliServerFixture server = world.sharedServer(TOKEN);
            int p = server.port();
            for (String url : List.of("127.0.0.1:" + p, "http://127.0.0.1:" + p, "https://127.0.0.1:" + p,
                    String.valueOf(p), ":" + p)) {
                try (CopilotClient client = CopilotClient.connect(dev.copilotci.client.ClientOptions.connectTo(
                        List.of(url), TOKEN))) {
                    assertEquals("1.0.102", client.status().version(), url);
                    assertEquals(3, client.status().protocolVersion(), url);
                }
            }
        }
    }

    @Test
    void tokenMistakesFailWithMessagesNamingTheFix() throws Exception {
        try (RealCli world = RealCli.start()) {
            String withToken = world.sharedServer(TOKEN).url();
            String withoutToken = world.sharedServer(null).url();

            CopilotException wrong = assertThrows(CopilotAuthenticationException.class,
                    () -> world.connectClient(List.of(withToken), "not-the-token"));
            assertTrue(wrong.getMessage().contains("rejected the connection token"), wrong.getMessage());
            assertTrue(!wrong.getMessage().contains("not-the-token"), "the token itself is never in a message");

            CopilotException missing = assertThrows(CopilotAuthenticationException.class,
                    () -> world.connectClient(List.of(withToken), null));
            assertTrue(missing.getMessage().contains("requires a connection token")
                    && missing.getMessage().contains("COPILOT_CONNECTION_TOKEN"), missing.getMessage());

            CopilotException unexpected = assertThrows(CopilotAuthenticationException.class,
                    () -> world.connectClient(List.of(withoutToken), TOKEN));
            assertTrue(unexpected.getMessage().contains("has none"), unexpected.getMessage());

            assertEquals("1.0.102", world.connectClient(List.of(withoutToken), null).status().version());
        }
    }

    @Test
    void anHttpServerIsRecognisedAsTheWrongTarget() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        http.start();
        try {
            long start = System.nanoTime();
            CopilotConnectionException e = assertThrows(CopilotConnectionException.class, () -> CopilotClient.connect(
                    dev.copilotci.client.ClientOptions.connectTo(List.of("127.0.0.1:" + http.getAddress().getPort()),
                            null)));
            assertTrue(e.getMessage().contains("is not a Copilot CLI server"), e.getMessage());
            assertTrue(System.nanoTime() - start < 9_000_000_000L, "fails fast, not at the handshake deadline");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aClosedPortFailsAtOnceAndFailoverMovesToTheNextUrl() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        CopilotConnectionException e = assertThrows(CopilotConnectionException.class, () -> CopilotClient.connect(
                dev.copilotci.client.ClientOptions.connectTo(List.of("127.0.0.1:" + closedPort), null)));
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
        // start() does not connect: the same failure comes with the first call that needs the server.
        try (CopilotClient lazy = CopilotClient.start(
                dev.copilotci.client.ClientOptions.connectTo(List.of("127.0.0.1:" + closedPort), null))) {
            CopilotConnectionException late = assertThrows(CopilotConnectionException.class, lazy::ping);
            assertEquals(e.getMessage(), late.getMessage());
        }

        try (RealCli world = RealCli.start()) {
            CliServerFixture server = world.sharedServer(TOKEN);
            CopilotClient client = world.connectClient(List.of("127.0.0.1:" + closedPort, server.url()), TOKEN);
            assertEquals("127.0.0.1:" + server.port(), client.server());
        }
    }

    @Test
    void closingAClientNeverShutsDownASharedServer() throws Exception {
        try (RealCli world = RealCli.start()) {
            CliServerFixture server = world.sharedServer(TOKEN);
            CopilotClient first = CopilotClient.connect(
                    dev.copilotci.client.ClientOptions.connectTo(List.of(server.url()), TOKEN));
            first.createSession(world.session("shared-1").build()).sendAndWait("remember this");
            first.close();
            assertTrue(server.isAlive(), "shared server still running");
            try (CopilotClient second = CopilotClient.connect(
                    dev.copilotci.client.ClientOptions.connectTo(List.of(server.url()), TOKEN))) {
                assertTrue(second.sessionMetadata("shared-1").isPresent(), "the detached session is still stored");
            }
        }
    }
}
