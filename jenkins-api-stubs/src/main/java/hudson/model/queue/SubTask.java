package hudson.model.queue;

import hudson.model.ResourceActivity;

/** Stub of core {@code hudson.model.queue.SubTask}: members-free supertype of {@code Queue.Task}. */
public interface SubTask extends ResourceActivity {
}
