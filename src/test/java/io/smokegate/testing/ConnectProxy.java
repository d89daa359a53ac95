package io.smokegate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy for tests, as corporate proxies behave: {@code CONNECT host:port} opens a tunnel (counted), an
 * absolute-form request ({@code GET http://host:port/path}) is forwarded in origin form (counted). When made with
 * credentials, a request without the matching {@code Proxy-Authorization: Basic} gets 407. It only reaches
 * loopback addresses: anything else is refused with 403.
 */
public final class ConnectProxy implements AutoCloseable {

    private final TestServers.Raw server;
    private final String credentials;
    private final AtomicInteger tunnels = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private ConnectProxy(String user, String password) {
        this.credentials = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = TestServers.raw(this::handle);
    }

    /** A proxy that lets everyone through. */
    public static ConnectProxy open() {
        return new ConnectProxy(null, null);
    }

    /** A proxy that wants {@code Proxy-Authorization: Basic} with these credentials. */
    public static ConnectProxy requiring(String user, String password) {
        return new ConnectProxy(user, password);
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://" + server.address();
    }

    public int port() {
        return server.port();
    }

    public int tunnels() {
        return tunnels.get();
    }

    public int forwarded() {
        return forwarded.get();
    }

    /** Every request line the proxy got, e.g. {@code CONNECT 127.0.0.1:8443 HTTP/1.1}. */
    public List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    /** The Proxy-Authorization values received ("" for a request without one). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void handle(Socket client) throws IOException, InterruptedException {
        client.setSoTimeout(10_000);
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        List<String> head = readHead(in);
        if (head.isEmpty()) {
            return;
        }
        String[] requestLine = head.get(0).split(" ");
        requestLines.add(head.get(0));
        String authorization = header(head, "proxy-authorization");
        authorizations.add(authorization == null ? "" : authorization);
        if (credentials != null && !credentials.equals(authorization)) {
            respond(out, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"test\"\r\n");
            return;
        }
        boolean connect = requestLine[0].equals("CONNECT");
        URI target = URI.create(connect ? "tcp://" + requestLine[1] : requestLine[1]);
        if (target.getHost() == null || !InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
            respond(out, "403 Forbidden", "");
            return;
        }
        int port = target.getPort() > 0 ? target.getPort() : 80;
        try (Socket upstream = new Socket(target.getHost(), port)) {
            if (connect) {
                tunnels.incrementAndGet();
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } else {
                forwarded.incrementAndGet();
                upstream.getOutputStream().write(originForm(head, target).getBytes(StandardCharsets.ISO_8859_1));
            }
            pipe(client, upstream);
        }
    }

    /**
     * The request as the origin server should get it: path only, without the proxy's own header, and with
     * {@code Connection: close}: this proxy forwards one request per connection, as the response then says.
     */
    private static String originForm(List<String> head, URI target) {
        String[] requestLine = head.get(0).split(" ");
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        StringBuilder request = new StringBuilder(requestLine[0] + " "
                + (target.getRawQuery() == null ? path : path + "?" + target.getRawQuery()) + " " + requestLine[2] + "\r\n");
        for (String line : head.subList(1, head.size())) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("proxy-authorization:") && !lower.startsWith("connection:")) {
                request.append(line).append("\r\n");
            }
        }
        return request.append("Connection: close\r\n\r\n").toString();
    }

    /**
     * Copies both ways until the upstream side closes, then closes the client's connection too (so a client that
     * keeps connections alive sees the close at once, as from a real proxy).
     */
    private static void pipe(Socket client, Socket upstream) throws InterruptedException, IOException {
        Thread up = Thread.ofVirtual().start(() -> copy(client, upstream));
        copy(upstream, client);
        client.close();
        up.join(10_000);
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // One side went away: the other is closed with the handler.
        }
    }

    private static void respond(OutputStream out, String status, String headers) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The head's lines, read byte by byte so nothing after it (a TLS ClientHello) is consumed. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1).replaceFirst("\r$", "");
            line.reset();
            if (text.isEmpty()) {
                return lines;
            }
            lines.add(text);
        }
        return List.of();
    }

    private static String header(List<String> head, String name) {
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.close();
    }
}
