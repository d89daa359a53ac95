package io.smokegate.check.net;

import java.util.Optional;

/** {@code host:port}, with IPv6 literals in brackets ({@code [::1]:443}). */
public record HostPort(String host, int port) {

    public static Optional<HostPort> parse(String text, int defaultPort) {
        if (text == null || text.isBlank() || text.contains("/") || text.contains(" ")) {
            return Optional.empty();
        }
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return Optional.empty();
                }
                port = rest.substring(1);
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0 && text.indexOf(':') != colon) {
                return Optional.empty();
            }
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        if (host.isEmpty()) {
            return Optional.empty();
        }
        if (port == null) {
            return defaultPort > 0 ? Optional.of(new HostPort(host, defaultPort)) : Optional.empty();
        }
        try {
            int p = Integer.parseInt(port);
            return p > 0 && p < 65536 ? Optional.of(new HostPort(host, p)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
