package hudson.model;

/** Stub of core {@code hudson.model.ResourceActivity}: members-free supertype of {@code SubTask}. */
public interface ResourceActivity {
}
