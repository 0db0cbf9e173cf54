package dev.copilotci.client;

/** The server's CLI version and protocol version. */
public record ServerStatus(String version, int protocolVersion) {
}
