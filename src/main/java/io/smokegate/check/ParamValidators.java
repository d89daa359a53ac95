package io.smokegate.check;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validators and quoting that every check family shares, so the same mistake in a {@code with:} value gets the
 * same message whichever check it is given to. The shared {@code tls} parameter (client certificates, CA file,
 * server name) is {@link io.smokegate.check.net.TlsOptions}, with {@link io.smokegate.check.net.ClientOptions}
 * adding the proxy settings; a family that makes HTTPS or TLS connections declares and reads those rather than
 * its own.
 */
public final class ParamValidators {

    /** The most of a value a message quotes. */
    private static final int QUOTED_CHARS = 80;

    private ParamValidators() {
    }

    /** A regular expression given in parameter {@code param}. */
    public static Pattern regex(String param, String text) throws InvalidParamException {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new InvalidParamException(param, "'" + text + "' is not a regular expression: " + e.getDescription());
        }
    }

    /**
     * The base URL of a service (a Go proxy, a checksum database) that paths are appended to: http(s), without
     * query, fragment or credentials; a trailing slash is dropped.
     */
    public static URI baseUrl(Params p, String name) throws InvalidParamException {
        String text = p.string(name);
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new InvalidParamException(name, "'" + text + "' is not a URL: " + e.getReason());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getHost() == null) {
            throw new InvalidParamException(name, "'" + text + "' must be an http:// or https:// URL",
                    "e.g. https://proxy.golang.org");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidParamException(name, "'" + text + "' must not have a query or fragment");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidParamException(name, "credentials in the URL would end up in reports");
        }
        return uri;
    }

    /**
     * At most 80 characters of text from outside (what a server sent, a value that failed an expectation), on
     * one line, for a message: line breaks and tabs as {@code \n}, {@code \r} and {@code \t} (so a body's lines
     * stay apart), any other control character as {@code \xNN}; none raw, so a report or log cannot be forged.
     */
    public static String printable(String s) {
        String cut = s.length() > QUOTED_CHARS ? s.substring(0, QUOTED_CHARS) : s;
        StringBuilder out = new StringBuilder(cut.length() + 8);
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return cut.length() < s.length() ? out.append('…').toString() : out.toString();
    }
}
