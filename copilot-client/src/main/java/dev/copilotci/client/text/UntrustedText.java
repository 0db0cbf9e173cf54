package dev.copilotci.client.text;

/**
 * Makes untrusted text (model answers, build logs, diffs) safe to show or to send on.
 *
 * <p>Which layer uses which helper:
 * <ul>
 *   <li>{@link #forLog(String)}: every piece of model output written to a plain-text log: the Jenkins console (before
 *       the {@code [copilot]} prefix; never wrap model text in a {@code ConsoleNote}), the GitHub Actions log (the
 *       runner additionally wraps echoed output in {@code ::stop-commands::}), stdout/stderr of the runner jar. It
 *       removes everything a terminal or Jenkins would interpret: ANSI/CSI/OSC/DCS escape sequences, Jenkins
 *       console notes ({@code ESC[8mha:…ESC[0m}), C0/C1 control characters except {@code \n} and {@code \t}, zero-width
 *       characters and bidi controls; a lone
 *       {@code \r} becomes {@code \n} (the GitHub runner splits lines on {@code \r} too, so a hidden {@code \r}
 *       would otherwise start a new, possibly command-bearing, line); lone surrogates become U+FFFD.</li>
 *   <li>{@link #forPrompt(String)}: text sent <em>to</em> the model (log excerpts, diffs, job names). Same cleanup,
 *       but a lone {@code \r} becomes a space so line numbers of a diff do not shift. Lone surrogates would also make
 *       the JSON-RPC encoder fail.</li>
 *   <li>{@link #singleLine(String, int)}: short labels from untrusted sources (annotation titles, step labels, job
 *       names inside prompts).</li>
 *   <li>{@link #escapeHtml(String)}: HTML built in Java (Jenkins {@code ExpandableDetailsNote}, summary fragments,
 *       table cells of the GitHub step summary); apply it to the {@link #forLog(String)} result. Jelly views with
 *       {@code escape-by-default} escape on their own.</li>
 * </ul>
 * All methods accept {@code null} (treated as empty) and never throw.
 */
public final class UntrustedText {

    /** Start of a Jenkins console note (hudson.console.ConsoleNote.PREAMBLE_STR). */
    public static final String CONSOLE_NOTE_PREAMBLE = "\u001B[8mha:";
    /** End of a Jenkins console note (hudson.console.ConsoleNote.POSTAMBLE_STR). */
    public static final String CONSOLE_NOTE_POSTAMBLE = "\u001B[0m";

    private static final char ESC = '\u001B';
    private static final char BEL = '\u0007';
    private static final char REPLACEMENT = '\uFFFD';

    private UntrustedText() {
    }

    /** Cleans text for a plain-text log; see the class comment. */
    public static String forLog(String text) {
        return clean(text, '\n');
    }

    /** Cleans text that is sent to the model; see the class comment. */
    public static String forPrompt(String text) {
        return clean(text, ' ');
    }

    /**
     * One line of at most {@code maxChars} characters: cleaned like {@link #forLog(String)}, line breaks, tabs and
     * Unicode line/paragraph separators turned into single spaces, trimmed, cut with "…" (never inside a surrogate
     * pair).
     */
    public static String singleLine(String text, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1, was " + maxChars);
        }
        String cleaned = forLog(text);
        StringBuilder out = new StringBuilder(Math.min(cleaned.length(), maxChars + 1));
        boolean pendingSpace = false;
        for (int i = 0; i < cleaned.length(); i++) {
            char c = cleaned.charAt(i);
            if (c == '\n' || c == '\t' || c == ' ' || c == '\u2028' || c == '\u2029') {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
            if (out.length() > maxChars) {
                break;
            }
        }
        if (out.length() <= maxChars) {
            return out.toString();
        }
        int cut = maxChars - 1;
        if (cut > 0 && Character.isHighSurrogate(out.charAt(cut - 1))) {
            cut--;
        }
        return out.substring(0, cut).stripTrailing() + "…";
    }

    /** Escapes {@code & < > " '} for HTML text and attribute values. */
    public static String escapeHtml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String rep;
            switch (c) {
                case '&': rep = "&amp;"; break;
                case '<': rep = "&lt;"; break;
                case '>': rep = "&gt;"; break;
                case '"': rep = "&quot;"; break;
                case '\'': rep = "&#39;"; break;
                default: rep = null;
            }
            if (rep == null) {
                if (out != null) {
                    out.append(c);
                }
            } else {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(rep);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Removes only Jenkins console notes (preamble, base64 payload, postamble), leaving all other text as is. An
     * unterminated note loses its preamble and payload.
     */
    public static String stripConsoleNotes(String text) {
        if (text == null) {
            return "";
        }
        int at = text.indexOf(CONSOLE_NOTE_PREAMBLE);
        if (at < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (at >= 0) {
            out.append(text, from, at);
            from = skipConsoleNote(text, at);
            at = text.indexOf(CONSOLE_NOTE_PREAMBLE, from);
        }
        return out.append(text, from, text.length()).toString();
    }

    /** Replaces unpaired UTF-16 surrogates with U+FFFD; everything else is unchanged. */
    public static String replaceLoneSurrogates(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean lone = false;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    if (out != null) {
                        out.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                lone = true;
            } else if (Character.isLowSurrogate(c)) {
                lone = true;
            }
            if (lone && out == null) {
                out = new StringBuilder(n).append(text, 0, i);
            }
            if (out != null) {
                out.append(lone ? REPLACEMENT : c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static String clean(String text, char loneCarriageReturn) {
        if (text == null) {
            return "";
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i += 2;
            } else if (needsWork(c)) {
                break;
            } else {
                i++;
            }
        }
        if (i == n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n).append(text, 0, i);
        while (i < n) {
            char c = text.charAt(i);
            if (c == ESC) {
                i = skipEscape(text, i);
            } else if (c == '\u009B') { // C1 CSI
                i = skipCsiBody(text, i + 1);
            } else if (c == '\u009D' || c == '\u0090' || c == '\u0098' || c == '\u009E' || c == '\u009F') {
                i = skipControlString(text, i + 1); // C1 OSC, DCS, SOS, PM, APC
            } else if (c == '\r') {
                if (i + 1 >= n || text.charAt(i + 1) != '\n') {
                    out.append(loneCarriageReturn);
                }
                i++;
            } else if (c == '\n' || c == '\t') {
                out.append(c);
                i++;
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || isInvisibleFormat(c)) {
                i++; // other C0 controls (NUL, BEL, BS, ...), DEL, other C1 controls, zero-width and bidi controls
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    out.append(c).append(text.charAt(i + 1));
                    i += 2;
                } else {
                    out.append(REPLACEMENT);
                    i++;
                }
            } else if (Character.isLowSurrogate(c)) {
                out.append(REPLACEMENT);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean needsWork(char c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c)
                || isInvisibleFormat(c);
    }

    /**
     * Characters that change what a reader sees without being seen: zero-width ones (they can split a token so a
     * masker no longer recognises it, or hide text in a review) and bidi embeddings, overrides and isolates ("Trojan
     * Source": text displayed in another order than it is read).
     */
    static boolean isInvisibleFormat(char c) {
        return (c >= '\u200B' && c <= '\u200F') || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2060' && c <= '\u2064')
                || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF' || c == '\u00AD';
    }

    /** {@code i} is at an ESC; returns the index after the escape sequence it starts. */
    private static int skipEscape(String text, int i) {
        if (text.startsWith(CONSOLE_NOTE_PREAMBLE, i)) {
            return skipConsoleNote(text, i);
        }
        int n = text.length();
        if (i + 1 >= n) {
            return n;
        }
        char k = text.charAt(i + 1);
        switch (k) {
            case '[':
                return skipCsiBody(text, i + 2);
            case ']': case 'P': case 'X': case '^': case '_':
                return skipControlString(text, i + 2);
            default:
                if (k >= 0x20 && k <= 0x2F) { // nF: intermediates then a final byte, e.g. ESC ( B
                    int j = i + 1;
                    while (j < n && text.charAt(j) >= 0x20 && text.charAt(j) <= 0x2F) {
                        j++;
                    }
                    return j < n && text.charAt(j) >= 0x30 && text.charAt(j) <= 0x7E ? j + 1 : j;
                }
                if (k >= 0x30 && k <= 0x7E) { // Fp/Fe/Fs two-character sequences, e.g. ESC c, ESC 7
                    return i + 2;
                }
                return i + 1; // a stray ESC: drop it, keep what follows
        }
    }

    private static int skipCsiBody(String text, int j) {
        int n = text.length();
        while (j < n && text.charAt(j) >= 0x30 && text.charAt(j) <= 0x3F) {
            j++; // parameter bytes
        }
        while (j < n && text.charAt(j) >= 0x20 && text.charAt(j) <= 0x2F) {
            j++; // intermediate bytes
        }
        if (j < n && text.charAt(j) >= 0x40 && text.charAt(j) <= 0x7E) {
            j++; // final byte
        }
        return j;
    }

    /**
     * OSC/DCS/SOS/PM/APC payload up to BEL, ST (ESC \ or U+009C) or any other ESC. It also stops before a line break
     * so that an unterminated sequence cannot swallow the rest of the text.
     */
    private static int skipControlString(String text, int j) {
        int n = text.length();
        while (j < n) {
            char c = text.charAt(j);
            if (c == BEL || c == '\u009C') {
                return j + 1;
            }
            if (c == ESC) {
                return j + 1 < n && text.charAt(j + 1) == '\\' ? j + 2 : j;
            }
            if (c == '\n' || c == '\r') {
                return j;
            }
            j++;
        }
        return n;
    }

    /** {@code i} is at a console-note preamble; skips preamble, base64 payload and postamble (if present). */
    private static int skipConsoleNote(String text, int i) {
        int j = i + CONSOLE_NOTE_PREAMBLE.length();
        int n = text.length();
        while (j < n && isBase64(text.charAt(j))) {
            j++;
        }
        return text.startsWith(CONSOLE_NOTE_POSTAMBLE, j) ? j + CONSOLE_NOTE_POSTAMBLE.length() : j;
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '+' || c == '/' || c == '=';
    }
}
