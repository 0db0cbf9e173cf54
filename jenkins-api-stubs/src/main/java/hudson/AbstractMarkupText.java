package hudson;

/** Stub of core {@code hudson.AbstractMarkupText} (subset). */
public abstract class AbstractMarkupText {
    public abstract String getText();
}
