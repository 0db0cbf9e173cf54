package dev.copilotci.client;

/** A model the server can use. */
public record ModelInfo(String id, String name) {
}
