package hudson.remoting;

/** Stub of remoting's package-private {@code IChannel} (type only). */
interface IChannel {}
