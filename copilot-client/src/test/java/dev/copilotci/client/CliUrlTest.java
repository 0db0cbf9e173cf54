package dev.copilotci.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CliUrlTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1:4401, 127.0.0.1, 4401",
        "http://127.0.0.1:4401, 127.0.0.1, 4401",
        "https://copilot.internal:443, copilot.internal, 443",
        "HTTP://Host:1/, Host, 1",
        "4401, localhost, 4401",
        ":4401, localhost, 4401",
        "'[::1]:4401', ::1, 4401",
        "' 10.0.0.5:65535 ', 10.0.0.5, 65535",
    })
    void acceptsEveryFormTheOfficialSdksAccept(String url, String host, int port) {
        CliUrl parsed = CliUrl.parse(url);
        assertEquals(host, parsed.host());
        assertEquals(port, parsed.port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "host:", "host:0", "host:65536", "host:abc", "::1:4401", "[::1]4401",
        "tcp://host:1", "http://host:1/path", "[::1]"})
    void rejectsEverythingElseWithAMessageShowingTheForms(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CliUrl.parse(url));
        assertTrue(e.getMessage().contains("Expected \"host:port\""), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void nullIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CliUrl.parse(null));
    }

    @Test
    void ipv6HostsPrintWithBrackets() {
        assertEquals("[::1]:4401", CliUrl.parse("[::1]:4401").toString());
        assertEquals("127.0.0.1:1", CliUrl.parse("127.0.0.1:1").toString());
    }
}
