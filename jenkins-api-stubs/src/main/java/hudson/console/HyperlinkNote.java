package hudson.console;

import hudson.MarkupText;

/**
 * Stub of core {@code hudson.console.HyperlinkNote} (nested {@code DescriptorImpl} omitted). {@link #encodeTo} needs a
 * running controller (HMAC-signed note) and throws here.
 */
public class HyperlinkNote extends ConsoleNote {
    public HyperlinkNote(String url, int length) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ConsoleAnnotator annotate(Object context, MarkupText text, int charPos) {
        throw new UnsupportedOperationException("stub");
    }

    protected String extraAttributes() {
        throw new UnsupportedOperationException("stub");
    }

    /** Core: returns {@code text} preceded by an encoded note; a URL starting with '/' is context-relative. */
    public static String encodeTo(String url, String text) {
        throw new UnsupportedOperationException("stub");
    }

    private static final long serialVersionUID = 3908468829358026949L;
}
