package io.smokegate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;

/**
 * Local servers for network tests, all on 127.0.0.1 with a port chosen by the kernel:
 * {@link Http} (the JDK's HttpServer/HttpsServer, recording every request it gets) and {@link Raw}
 * (a plain ServerSocket whose handler writes whatever bytes a misbehaving server would).
 */
public final class TestServers {

    private TestServers() {
    }

    public static Http http() {
        try {
            return new Http(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), false,
                    new CopyOnWriteArrayList<>());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTPS server presenting {@code context}'s certificate, with all TLS versions the JDK enables. */
    public static Http https(SSLContext context) {
        return https(context, params -> { });
    }

    /**
     * An HTTPS server; {@code configure} may restrict protocols or cipher suites. The server names
     * clients ask for (SNI) are recorded at each handshake, see {@link Http#handshakeServerNames()}.
     */
    public static Http https(SSLContext context, Consumer<SSLParameters> configure) {
        return https(InetAddress.getLoopbackAddress(), context, configure);
    }

    /** An HTTPS server on another local address, e.g. the IPv6 loopback {@code ::1}. */
    public static Http https(InetAddress address, SSLContext context, Consumer<SSLParameters> configure) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(address, 0), 0);
            List<String> serverNames = new CopyOnWriteArrayList<>();
            SNIMatcher recorder = new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                @Override
                public boolean matches(SNIServerName name) {
                    serverNames.add(new SNIHostName(name.getEncoded()).getAsciiName());
                    return true;
                }
            };
            server.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters ssl = context.getDefaultSSLParameters();
                    ssl.setSNIMatchers(List.of(recorder));
                    configure.accept(ssl);
                    params.setSSLParameters(ssl);
                }
            });
            return new Http(server, true, serverNames);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An HTTPS server that requires a client certificate {@code context} trusts and says so with a TLS alert, as Go's
     * and Envoy's servers do (the JDK's HttpsServer just closes the connection). Each request gets 200 with
     * {@code body.apply(request target, the client certificate's subject)}.
     */
    public static Raw mutualTls(SSLContext context, BiFunction<String, String, String> body) {
        return raw(socket -> {
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
            ssl.setUseClientMode(false);
            ssl.setNeedClientAuth(true);
            ssl.setSoTimeout(5_000);
            ssl.startHandshake();
            BufferedReader in = new BufferedReader(new InputStreamReader(ssl.getInputStream(), StandardCharsets.ISO_8859_1));
            String target = in.readLine().split(" ")[1];
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                // The rest of the request head is not needed.
            }
            byte[] bytes = body.apply(target, ssl.getSession().getPeerPrincipal().getName()).getBytes(StandardCharsets.UTF_8);
            ssl.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            ssl.getOutputStream().write(bytes);
            ssl.getOutputStream().flush();
        });
    }

    public static Raw raw(ConnectionHandler handler) {
        return new Raw(InetAddress.getLoopbackAddress(), handler);
    }

    /** A raw server on another local address, e.g. the IPv6 loopback {@code ::1}. */
    public static Raw raw(InetAddress address, ConnectionHandler handler) {
        return new Raw(address, handler);
    }

    /** What a handler does with one exchange; the request body has already been read and recorded. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws Exception;
    }

    /** One request as the server saw it. Header names are lower case. */
    public record Request(String method, String target, Map<String, List<String>> headers, byte[] body,
                          List<String> serverNames) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Sends a complete response with a fixed length body; {@code headers} are name, value pairs. */
    public static void respond(HttpExchange exchange, int status, String body, String... headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    /** The JDK's HTTP(S) server with handlers by path prefix. */
    public static final class Http implements AutoCloseable {
        private final HttpServer server;
        private final boolean tls;
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        private final List<Request> requests = new CopyOnWriteArrayList<>();
        private final List<String> handshakeServerNames;

        private Http(HttpServer server, boolean tls, List<String> handshakeServerNames) {
            this.server = server;
            this.tls = tls;
            this.handshakeServerNames = handshakeServerNames;
            server.setExecutor(executor);
            server.start();
        }

        /** Serves {@code path} (and everything below it, as the JDK server matches by prefix). */
        public Http route(String path, Handler handler) {
            server.createContext(path, exchange -> {
                try {
                    record(exchange);
                    handler.handle(exchange);
                } catch (Exception e) {
                    exchange.close();
                    if (e instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(e);
                }
            });
            return this;
        }

        private void record(HttpExchange exchange) throws IOException {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            List<String> serverNames = new ArrayList<>();
            if (exchange instanceof HttpsExchange https) {
                SSLSession session = https.getSSLSession();
                if (session instanceof ExtendedSSLSession extended) {
                    for (SNIServerName name : extended.getRequestedServerNames()) {
                        if (name instanceof SNIHostName host) {
                            serverNames.add(host.getAsciiName());
                        }
                    }
                }
            }
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body,
                    serverNames));
        }

        public int port() {
            return server.getAddress().getPort();
        }

        /** {@code host:port}, with an IPv6 host in brackets. */
        public String address() {
            String host = server.getAddress().getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
        }

        public String url(String path) {
            return (tls ? "https" : "http") + "://" + address() + path;
        }

        /** The same server under another host name (for cross-host redirects and certificate names). */
        public String url(String host, String path) {
            return (tls ? "https" : "http") + "://" + host + ":" + port() + path;
        }

        public List<Request> requests() {
            return requests;
        }

        /** The SNI host names clients sent in TLS handshakes, in order (HTTPS servers only). */
        public List<String> handshakeServerNames() {
            return handshakeServerNames;
        }

        public Request lastRequest() {
            if (requests.isEmpty()) {
                throw new AssertionError("the server received no request");
            }
            return requests.get(requests.size() - 1);
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /**
     * What a raw server does with one accepted connection; return or throw to close it. Closing the
     * server closes the connection and interrupts the handler (so handlers may simply sleep).
     */
    @FunctionalInterface
    public interface ConnectionHandler {
        void handle(Socket socket) throws Exception;
    }

    /** A ServerSocket that hands each connection to a handler on its own virtual thread. */
    public static final class Raw implements AutoCloseable {
        private final ServerSocket server;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final Set<Thread> handlers = ConcurrentHashMap.newKeySet();
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread acceptor;
        private volatile boolean closed;

        private Raw(InetAddress address, ConnectionHandler handler) {
            try {
                server = new ServerSocket(0, 50, address);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            acceptor = Thread.ofVirtual().name("raw-server-" + server.getLocalPort()).start(() -> {
                while (!closed) {
                    Socket socket;
                    try {
                        socket = server.accept();
                    } catch (IOException e) {
                        return;
                    }
                    accepted.incrementAndGet();
                    open.add(socket);
                    handlers.add(Thread.ofVirtual().start(() -> {
                        try (socket) {
                            handler.handle(socket);
                        } catch (Exception e) {
                            // The client went away or the server is closing: both end the connection.
                        } finally {
                            open.remove(socket);
                            handlers.remove(Thread.currentThread());
                        }
                    }));
                }
            });
        }

        public int port() {
            return server.getLocalPort();
        }

        /** {@code host:port}, with an IPv6 host in brackets. */
        public String address() {
            String host = server.getInetAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
        }

        public String url(String path) {
            return "http://" + address() + path;
        }

        public int accepted() {
            return accepted.get();
        }

        @Override
        public void close() {
            closed = true;
            try {
                server.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
            for (Socket socket : open) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing anyway.
                }
            }
            acceptor.interrupt();
            handlers.forEach(Thread::interrupt);
        }
    }

    /** Whether a server can listen on {@code address} here (IPv6 loopback is missing on some machines). */
    public static boolean canListenOn(InetAddress address) {
        try {
            new ServerSocket(0, 1, address).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads an HTTP request head (through the blank line) and returns it; the body is left unread. */
    public static String readRequestHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new SocketException("client closed before the end of the request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Writes text (ISO-8859-1, so each char is one byte) and flushes. */
    public static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Blocks until the client closes the connection or the server is closed, discarding what arrives. */
    public static void drainUntilClosed(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // Discard.
            }
        } catch (IOException ignored) {
            // Closed by either side.
        }
    }
}
