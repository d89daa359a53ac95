package io.smokegate.check.net;

import static io.smokegate.check.ParamKind.STRING;
import static io.smokegate.check.ParamKind.STRINGS;

import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The {@code proxyUrl} and {@code noProxy} parameters: an HTTP proxy {@code http://[user:password@]host:port} that
 * requests go through (https targets through a {@code CONNECT} tunnel, http targets as absolute-form requests), with
 * {@code Proxy-Authorization: Basic} when credentials are given, and the hosts reached directly. The credentials
 * appear nowhere but in that header: {@link #toString()}, details and problems show the URL without them.
 */
public final class ProxyOptions {

    public static final List<Param> PARAMS = List.of(
            Param.optional("proxyUrl", STRING, null,
                    "HTTP proxy http://[user:password@]host:port; https targets are tunnelled with CONNECT"),
            Param.optional("noProxy", STRINGS, null,
                    "hosts reached without the proxy, as curl's NO_PROXY: names (with their subdomains), IPs, CIDRs, *"));

    /** No proxy: every request goes directly. */
    public static final ProxyOptions NONE = new ProxyOptions(null, null, NoProxy.NONE);

    private final HostPort address;
    private final String authorization;
    private final NoProxy noProxy;

    private ProxyOptions(HostPort address, String authorization, NoProxy noProxy) {
        this.address = address;
        this.authorization = authorization;
        this.noProxy = noProxy;
    }

    public static ProxyOptions param(Params p) throws InvalidParamException {
        if (!p.has("proxyUrl")) {
            if (!p.strings("noProxy").isEmpty()) {
                throw new InvalidParamException("noProxy", "has no effect without proxyUrl");
            }
            return NONE;
        }
        NoProxy noProxy;
        try {
            noProxy = NoProxy.parse(p.strings("noProxy"));
        } catch (IllegalArgumentException e) {
            throw new InvalidParamException("noProxy", e.getMessage(),
                    "e.g. [localhost, .internal.example, 10.0.0.0/8]; ports are not part of an entry");
        }
        return parse(p.string("proxyUrl"), noProxy);
    }

    static ProxyOptions parse(String text, NoProxy noProxy) throws InvalidParamException {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidParamException("proxyUrl", "'" + withoutCredentials(text) + "' is not a URL",
                    "e.g. http://proxy.corp.example:3128");
        }
        String shown = withoutCredentials(text);
        if (url.getScheme() == null || !url.getScheme().equalsIgnoreCase("http")) {
            throw new InvalidParamException("proxyUrl", "'" + shown + "' is not an http:// proxy",
                    "only HTTP proxies are supported: http://host:port (https targets are tunnelled with CONNECT)");
        }
        if (url.getHost() == null) {
            throw new InvalidParamException("proxyUrl", "'" + shown + "' has no host");
        }
        boolean bare = (url.getRawPath() == null || url.getRawPath().isEmpty() || url.getRawPath().equals("/"))
                && url.getRawQuery() == null && url.getRawFragment() == null;
        if (!bare) {
            throw new InvalidParamException("proxyUrl", "'" + shown + "' has a path, query or fragment",
                    "a proxy is http://host:port");
        }
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        String authorization = null;
        if (url.getRawUserInfo() != null) {
            String userInfo = url.getUserInfo();
            authorization = "Basic " + Base64.getEncoder().encodeToString(
                    (userInfo.contains(":") ? userInfo : userInfo + ":").getBytes(StandardCharsets.UTF_8));
        }
        return new ProxyOptions(new HostPort(host, url.getPort() > 0 ? url.getPort() : 80), authorization, noProxy);
    }

    /** Whether requests to {@code host} go through the proxy. */
    public boolean appliesTo(String host) {
        return address != null && !noProxy.matches(host);
    }

    public boolean configured() {
        return address != null;
    }

    HostPort address() {
        return address;
    }

    /** The {@code Proxy-Authorization} header value, or null without credentials. Never shown anywhere. */
    String authorization() {
        return authorization;
    }

    /** {@code http://host:port}, without credentials: how the proxy is named in details and messages. */
    @Override
    public String toString() {
        return address == null ? "none" : "http://" + address;
    }

    /** {@code text} with any user information replaced by {@code «credentials»}, for problems about it. */
    static String withoutCredentials(String text) {
        int scheme = text.indexOf("://");
        int at = text.lastIndexOf('@');
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = text.indexOf('/', start);
        if (at >= start && (end < 0 || at < end)) {
            return text.substring(0, start) + "«credentials»" + text.substring(at);
        }
        return text;
    }
}
