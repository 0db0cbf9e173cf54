package dev.copilotci.client;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/** A byte pipe to a Copilot CLI server: a TCP socket, a child's stdio, or any stream pair (e.g. Jenkins remoting). */
public interface Transport extends Closeable {
    InputStream input();

    OutputStream output();

    /** Where this transport leads, for error messages: "127.0.0.1:4401", "stdio of pid 1234". */
    String description();

    /** Closes both directions; must unblock a reader blocked in {@link #input()}. Never throws. */
    @Override
    void close();
}
