package hudson;

/** Stub of core {@code hudson.MarkupText} (subset). */
public class MarkupText extends AbstractMarkupText {
    public MarkupText(String text) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getText() {
        throw new UnsupportedOperationException("stub");
    }
}
