package hudson.remoting;

/** Stub of remoting {@code VirtualChannel} (type only: the plugin never calls a channel directly). */
public interface VirtualChannel {}
