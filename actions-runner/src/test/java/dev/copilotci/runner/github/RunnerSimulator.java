package dev.copilotci.runner.github;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Re-implements, for tests, how actions/runner reads a step's stdout and its output file (ActionCommand.TryParseV2 /
 * TryParse, ActionCommandManager stop-commands handling, the file-command key/value parser), so tests can assert
 * what the runner would actually execute rather than what the text looks like.
 */
final class RunnerSimulator {

    /** A parsed workflow command. */
    record Command(String name, Map<String, String> properties, String data) {
    }

    private RunnerSimulator() {
    }

    /** The commands the runner would process from this stdout, honouring stop-commands. */
    static List<Command> commands(String stdout) {
        List<Command> processed = new ArrayList<>();
        String stopToken = null;
        // The runner reads lines with .NET ReadLine: CR, LF and CRLF all end a line.
        for (String line : stdout.split("\r\n|\r|\n", -1)) {
            Command c = parseV2(line);
            if (c == null) {
                c = parseLegacy(line);
            }
            if (c == null) {
                continue;
            }
            if (stopToken != null) {
                if (c.name().equalsIgnoreCase(stopToken)) {
                    stopToken = null;
                    processed.add(c);
                }
                continue;
            }
            if (c.name().equals("stop-commands")) {
                stopToken = c.data();
            }
            processed.add(c);
        }
        return processed;
    }

    static Command parseV2(String rawLine) {
        String line = rawLine.stripLeading();
        if (!line.startsWith("::")) {
            return null;
        }
        int end = line.indexOf("::", 2);
        if (end < 0) {
            return null;
        }
        String head = line.substring(2, end);
        String data = unescapeData(line.substring(end + 2));
        int space = head.indexOf(' ');
        String name = (space < 0 ? head : head.substring(0, space)).toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return null;
        }
        Map<String, String> props = new LinkedHashMap<>();
        if (space >= 0) {
            for (String pair : head.substring(space + 1).split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    props.put(pair.substring(0, eq), unescapeProperty(pair.substring(eq + 1)));
                }
            }
        }
        return new Command(name, props, data);
    }

    /** Legacy {@code ##[name props]data}, found anywhere in the line. */
    static Command parseLegacy(String line) {
        int start = line.indexOf("##[");
        if (start < 0) {
            return null;
        }
        int end = line.indexOf(']', start);
        if (end < 0) {
            return null;
        }
        String head = line.substring(start + 3, end);
        int space = head.indexOf(' ');
        String name = (space < 0 ? head : head.substring(0, space)).toLowerCase(Locale.ROOT);
        return new Command(name, Map.of(), line.substring(end + 1));
    }

    static String unescapeData(String s) {
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%");
    }

    static String unescapeProperty(String s) {
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
                .replace("%25", "%");
    }

    /** The outputs the runner would read from a $GITHUB_OUTPUT file (later values win). */
    static Map<String, String> outputs(String file) {
        Map<String, String> out = new LinkedHashMap<>();
        int[] index = {0};
        String line;
        while ((line = readLine(file, index)) != null) {
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            int heredoc = line.indexOf("<<");
            if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            } else if (heredoc > 0) {
                String key = line.substring(0, heredoc);
                String delimiter = line.substring(heredoc + 2);
                if (delimiter.isEmpty()) {
                    throw new IllegalStateException("empty delimiter");
                }
                StringBuilder value = new StringBuilder();
                boolean first = true;
                while (true) {
                    String l = readLine(file, index);
                    if (l == null) {
                        throw new IllegalStateException("delimiter " + delimiter + " not found");
                    }
                    if (l.equals(delimiter)) {
                        break;
                    }
                    if (!first) {
                        value.append('\n');
                    }
                    value.append(l);
                    first = false;
                }
                out.put(key, value.toString());
            } else {
                throw new IllegalStateException("invalid line: " + line);
            }
        }
        return out;
    }

    private static String readLine(String text, int[] index) {
        if (index[0] >= text.length()) {
            return null;
        }
        int lf = text.indexOf('\n', index[0]);
        String line;
        if (lf < 0) {
            line = text.substring(index[0]);
            index[0] = text.length();
        } else {
            line = text.substring(index[0], lf);
            index[0] = lf + 1;
        }
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
