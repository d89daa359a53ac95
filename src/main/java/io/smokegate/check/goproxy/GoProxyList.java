package io.smokegate.check.goproxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A GOPROXY value as the go command reads it (cmd/go/internal/modfetch proxyList): entries separated by
 * {@code ,} (fall through only on 404/410) or {@code |} (fall through on any error); {@code direct} and
 * {@code off} end the list; bare host names get {@code https://}; a non-empty GONOPROXY puts a virtual
 * {@code noproxy} entry first.
 */
record GoProxyList(List<Entry> entries) {

    /** One source: a URL, or {@code direct}, {@code off} or {@code noproxy}. */
    record Entry(String value, boolean fallBackOnError) {
        boolean isUrl() {
            return !(value.equals("direct") || value.equals("off") || value.equals("noproxy"));
        }
    }

    /** @throws IllegalArgumentException with the go command's message for an unusable value */
    static GoProxyList parse(String goproxy, String gonoproxy) {
        List<Entry> entries = new ArrayList<>();
        if (!gonoproxy.isEmpty() && !goproxy.equals("direct")) {
            entries.add(new Entry("noproxy", false));
        }
        String rest = goproxy;
        while (!rest.isEmpty()) {
            int cut = indexOfSeparator(rest);
            String value = (cut < 0 ? rest : rest.substring(0, cut)).trim();
            boolean pipe = cut >= 0 && rest.charAt(cut) == '|';
            rest = cut < 0 ? "" : rest.substring(cut + 1);
            if (value.isEmpty()) {
                continue;
            }
            if (value.equals("off") || value.equals("direct")) {
                entries.add(new Entry(value, pipe));
                break;
            }
            entries.add(new Entry(url(value), pipe));
        }
        if (entries.isEmpty() || (entries.size() == 1 && entries.get(0).value().equals("noproxy"))) {
            throw new IllegalArgumentException("GOPROXY list is not the empty string, but contains no entries");
        }
        return new GoProxyList(List.copyOf(entries));
    }

    private static int indexOfSeparator(String s) {
        int comma = s.indexOf(',');
        int pipe = s.indexOf('|');
        return comma < 0 ? pipe : pipe < 0 ? comma : Math.min(comma, pipe);
    }

    private static String url(String value) {
        String candidate = value;
        boolean looksLikeHost = value.contains(".") || value.contains(":") || value.contains("/");
        if (looksLikeHost && !value.contains(":/") && !Path.of(value).isAbsolute()) {
            candidate = "https://" + value;
        }
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid proxy URL " + value + ": " + e.getReason());
        }
        if (uri.getScheme() == null) {
            throw new IllegalArgumentException("invalid proxy URL missing scheme: " + value);
        }
        if (!(uri.getScheme().equals("https") || uri.getScheme().equals("http") || uri.getScheme().equals("file"))) {
            throw new IllegalArgumentException("invalid proxy URL scheme (must be https, http, file): " + value);
        }
        if (uri.getScheme().equals("file") && (uri.getHost() != null || uri.getRawQuery() != null)) {
            throw new IllegalArgumentException("proxy URL " + value + " may only have a path");
        }
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
