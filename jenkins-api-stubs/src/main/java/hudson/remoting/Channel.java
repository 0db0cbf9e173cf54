package hudson.remoting;

import java.io.Closeable;
import java.io.IOException;

/** Stub of remoting {@code Channel}: present only because {@code Launcher.launchChannel} returns it. */
public class Channel implements VirtualChannel, IChannel, Closeable {
    private Channel() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public synchronized void close() throws IOException {
        throw new UnsupportedOperationException("stub");
    }
}
