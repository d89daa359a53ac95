package io.smokegate.check.net;

import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Params;
import java.net.URI;
import java.net.URISyntaxException;

/** Base URLs of services (Go proxies, checksum databases) that paths are appended to. */
public final class BaseUrls {

    private BaseUrls() {
    }

    /** An http(s) URL without query, fragment or credentials; a trailing slash is dropped. */
    public static URI param(Params p, String name) throws InvalidParamException {
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
}
