package dev.copilotci.client;

import java.util.Locale;

/**
 * Address of a running {@code copilot --headless --port N} server. Accepts the forms the official SDKs accept:
 * {@code "host:port"}, {@code "http://host:port"}, {@code "https://host:port"}, {@code "port"}, {@code ":port"} and
 * {@code "[::1]:port"}. The protocol is plain TCP whatever the scheme says.
 */
public record CliUrl(String host, int port) {

    public CliUrl {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("CLI URL host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("CLI URL port " + port + " is not between 1 and 65535");
        }
    }

    public static CliUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid(url, "it is empty");
        }
        String s = url.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://")) {
            s = s.substring(7);
        } else if (lower.startsWith("https://")) {
            s = s.substring(8);
        } else if (lower.contains("://")) {
            throw invalid(url, "only http:// and https:// prefixes are understood");
        }
        if (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.contains("/")) {
            throw invalid(url, "a path is not allowed");
        }
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw invalid(url, "an IPv6 address needs the form [addr]:port");
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else if (s.indexOf(':') < 0) {
            host = "localhost";
            port = s;
        } else {
            int colon = s.lastIndexOf(':');
            if (s.indexOf(':') != colon) {
                throw invalid(url, "write an IPv6 address in brackets: [addr]:port");
            }
            host = colon == 0 ? "localhost" : s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw invalid(url, "the host is empty");
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw invalid(url, "'" + port + "' is not a port number");
        }
        if (p < 1 || p > 65535) {
            throw invalid(url, "port " + p + " is not between 1 and 65535");
        }
        return new CliUrl(host, p);
    }

    private static IllegalArgumentException invalid(String url, String why) {
        return new IllegalArgumentException("Invalid Copilot CLI URL '" + url + "': " + why
                + ". Expected \"host:port\", \"[ipv6]:port\", \"http://host:port\", \":port\" or \"port\".");
    }

    @Override
    public String toString() {
        return TcpTransport.formatHostPort(host, port);
    }
}
