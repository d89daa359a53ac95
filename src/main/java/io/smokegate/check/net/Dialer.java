package io.smokegate.check.net;

import io.smokegate.check.Deadline;
import io.smokegate.check.ParamValidators;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;

/**
 * How an HTTP request reaches its target: a fresh connection made directly, or through an HTTP proxy — to the
 * proxy itself for an http:// URL (the request then names its target in absolute form), through a CONNECT tunnel
 * for an https:// one — with TLS and ALPN as {@link TlsOptions} and {@link HttpVersion} say.
 *
 * <p>Phases through a proxy: RESOLVE and CONNECT are the proxy's (the proxy resolves the target), TUNNEL is the
 * CONNECT exchange, TLS the handshake with the target inside the tunnel.
 */
public final class Dialer {

    private static final int MAX_PROXY_HEAD = 16 * 1024;

    private final IpProtocol ip;
    private final TlsOptions tls;
    private final ProxyOptions proxy;
    private final HttpVersion version;

    public Dialer(IpProtocol ip, TlsOptions tls, ProxyOptions proxy, HttpVersion version) {
        this.ip = ip;
        this.tls = tls;
        this.proxy = proxy;
        this.version = version;
    }

    public TlsOptions tls() {
        return tls;
    }

    public ProxyOptions proxy() {
        return proxy;
    }

    /** Opens a connection for a request to {@code uri}, TLS handshake (and the HTTP version it picked) included. */
    Connection open(URI uri, Deadline deadline, PhaseTimer timer) throws IOException, InterruptedException {
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        HostPort target = new HostPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80);
        if (!https && version == HttpVersion.HTTP_2) {
            throw new ExplainedFailure(uri + " is plain HTTP, and HTTP/2 is only spoken over TLS here"
                    + " (httpVersion \"2\" needs https:// URLs, redirects included)");
        }
        TlsClient client = https ? tls.client() : null;
        Connection connection = proxy.appliesTo(target.host()) ? throughProxy(target, client, deadline, timer)
                : Connection.open(target, ip, client, tls.serverName(), version.alpn(), deadline, timer);
        if (https && version == HttpVersion.HTTP_2 && !isHttp2(connection)) {
            String chosen = ((SSLSocket) connection.socket()).getApplicationProtocol();
            connection.close();
            throw new ExplainedFailure(uri + " does not speak HTTP/2: "
                    + (chosen == null || chosen.isEmpty() ? "the server chose no protocol in the TLS handshake (no ALPN)"
                            : "the server chose " + chosen + " in the TLS handshake")
                    + "; httpVersion \"2\" requires h2");
        }
        return connection;
    }

    /** Whether the connection negotiated HTTP/2 (ALPN h2), so the request must be sent as HTTP/2. */
    static boolean isHttp2(Connection connection) {
        return connection.socket() instanceof SSLSocket ssl && HttpVersion.H2.equals(ssl.getApplicationProtocol());
    }

    /**
     * Starts the exchange for {@code request} over a connection {@link #open} made for it. A TLS 1.3 server that
     * does not accept the client certificate (or its absence) says so after the handshake, with an alert or by
     * closing the connection; the closed connection is then reported as what it most likely means.
     */
    Exchange start(Connection connection, HttpRequest request, Deadline deadline, PhaseTimer timer) throws IOException {
        try {
            if (isHttp2(connection)) {
                return H2Exchange.start(connection, request, deadline, timer);
            }
            boolean forwarded = !request.uri().getScheme().equalsIgnoreCase("https")
                    && proxy.appliesTo(request.uri().getHost());
            return forwarded ? HttpExchange.startThroughProxy(connection, request, proxy.authorization(), deadline, timer)
                    : HttpExchange.start(connection, request, deadline, timer);
        } catch (IOException e) {
            throw TlsClient.explainClosed(connection.socket(), e);
        }
    }

    private Connection throughProxy(HostPort target, TlsClient client, Deadline deadline, PhaseTimer timer)
            throws IOException, InterruptedException {
        Connection toProxy;
        try {
            toProxy = Connection.open(proxy.address(), ip, null, null, deadline, timer);
        } catch (IOException e) {
            throw new ProxyFailure(proxy, e);
        }
        if (client == null) {
            return toProxy;
        }
        try {
            timer.tunnel();
            tunnel(toProxy.socket(), target, deadline);
            timer.end(PhaseTimer.Phase.TUNNEL);
            SSLSocket ssl = client.handshake(toProxy.socket(), tls.serverName() == null ? target.host() : tls.serverName(),
                    target.port(), version.alpn(), deadline);
            timer.end(PhaseTimer.Phase.TLS);
            return new Connection(ssl, toProxy.address(), ssl.getSession());
        } catch (IOException | RuntimeException e) {
            toProxy.close();
            throw e;
        }
    }

    /** {@code CONNECT host:port}: any 2xx opens the tunnel; anything else is the proxy's refusal. */
    private void tunnel(Socket socket, HostPort target, Deadline deadline) throws IOException {
        String authority = target.toString();
        StringBuilder request = new StringBuilder(256)
                .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n")
                .append("User-Agent: ").append(HttpExchange.USER_AGENT).append("\r\n");
        if (proxy.authorization() != null) {
            request.append("Proxy-Authorization: ").append(proxy.authorization()).append("\r\n");
        }
        request.append("\r\n");
        String statusLine;
        try {
            HttpExchange.send(new Connection(socket, null, null), deadline,
                    request.toString().getBytes(StandardCharsets.ISO_8859_1));
            statusLine = readHead(socket, deadline);
        } catch (IOException e) {
            throw new ProxyFailure(proxy, e);
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new ProxyFailure(proxy, "proxy " + proxy + " answered CONNECT with '"
                    + ParamValidators.printable(statusLine) + "', not an HTTP status line");
        }
        int status = Integer.parseInt(parts[1]);
        if (status / 100 == 2) {
            return;
        }
        String why = status != 407 ? ""
                : proxy.authorization() == null ? " (the proxy wants credentials: proxyUrl http://user:password@host:port)"
                : " (the proxy did not accept the credentials in proxyUrl)";
        throw new ProxyFailure(proxy, "proxy " + proxy + " refused to open a tunnel to " + authority + ": "
                + ParamValidators.printable(parts.length > 2 ? status + " " + parts[2] : parts[1]) + why);
    }

    /**
     * The status line of the proxy's answer, after reading its headers up to the blank line. Byte by byte: what
     * follows the head is the target's TLS, which must stay unread for the handshake.
     */
    private static String readHead(Socket socket, Deadline deadline) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder(128);
        while (head.length() < MAX_PROXY_HEAD && !endsHead(head)) {
            if (deadline.expired()) {
                throw new ProbeTimeoutException("opening a tunnel through the proxy");
            }
            socket.setSoTimeout(deadline.remainingMillis());
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed while opening a tunnel through the proxy");
            }
            head.append((char) b);
        }
        if (head.length() >= MAX_PROXY_HEAD) {
            throw new ProtocolViolation("the proxy's answer to CONNECT exceeds " + MAX_PROXY_HEAD / 1024 + " KiB");
        }
        int end = head.indexOf("\n");
        return head.substring(0, end > 0 && head.charAt(end - 1) == '\r' ? end - 1 : end);
    }

    /** Whether {@code s} ends with the blank line that ends a head (CRLF CRLF, or LF LF from a lax proxy). */
    private static boolean endsHead(CharSequence s) {
        int n = s.length();
        return n >= 2 && s.charAt(n - 1) == '\n'
                && (s.charAt(n - 2) == '\n' || (n >= 4 && s.charAt(n - 2) == '\r' && s.charAt(n - 3) == '\n'));
    }
}
