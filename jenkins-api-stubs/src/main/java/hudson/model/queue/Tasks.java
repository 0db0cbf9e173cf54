package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue.Task;
import org.springframework.security.core.Authentication;

/** Stub of core {@code hudson.model.queue.Tasks} (subset). Needs the QueueItemAuthenticator extensions: throws. */
public class Tasks {
    public static @NonNull Authentication getAuthenticationOf2(@NonNull Task t) {
        throw new UnsupportedOperationException("stub");
    }
}
