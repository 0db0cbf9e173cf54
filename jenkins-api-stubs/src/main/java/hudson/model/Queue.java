package hudson.model;

import hudson.model.queue.SubTask;
import jenkins.console.WithConsoleUrl;

/**
 * Stub of core {@code hudson.model.Queue} (subset): only the nested {@link Task} type, for {@code instanceof} checks
 * such as "is this item something that runs as a queued task". The constructor is private (plugins never create the
 * queue); {@link #save()} needs Jenkins and throws.
 */
public class Queue extends ResourceController implements Saveable {
    private Queue() {
    }

    @Override
    public void save() {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of {@code Queue.Task} (members omitted: a stub-driven test item may implement it without any). */
    public interface Task extends ModelObject, SubTask {
    }

    /** Stub of {@code Queue.Executable} (members omitted). */
    public interface Executable extends Runnable, WithConsoleUrl {
    }
}
