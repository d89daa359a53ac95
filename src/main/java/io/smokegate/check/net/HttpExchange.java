package io.smokegate.check.net;

import io.smokegate.check.Deadline;
import io.smokegate.check.ParamValidators;
import io.smokegate.text.Plural;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request and response over a connection made for it or kept from an earlier exchange
 * ({@link #reusable}). Every read is bounded by the probe's deadline (so a server that drips one byte a
 * second cannot stretch a probe) and by size limits (status line, headers, body).
 */
public final class HttpExchange implements Exchange {

    static final String USER_AGENT = "smokegate/" + version();
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_HEADERS = 200;
    /** Requests this small fit in the kernel's socket buffer, so writing them cannot block. */
    private static final int UNGUARDED_WRITE = 16 * 1024;

    private final InputStream in;
    private final Connection connection;
    private final Deadline deadline;
    private final PhaseTimer timer;
    private final byte[] buffer = new byte[4 * 1024];
    private int position;
    private int limit;
    private String method;
    private String version;
    private int status;
    private String reason;
    private Map<String, List<String>> headers;
    /** The response was read to its exact end (not until the peer closed, not cut at a limit). */
    private boolean complete;
    private boolean requestedClose;

    private HttpExchange(Connection connection, Deadline deadline, PhaseTimer timer) throws IOException {
        this.connection = connection;
        this.in = connection.socket().getInputStream();
        this.deadline = deadline;
        this.timer = timer;
    }

    /** Sends {@code request} and reads the whole response, its body into memory up to {@code maxBodyBytes}. */
    public static HttpResponse send(Connection connection, HttpRequest request, long maxBodyBytes, Deadline deadline,
                                    PhaseTimer timer) throws IOException {
        return start(connection, request, deadline, timer).finish(BodySink.inMemory(maxBodyBytes));
    }

    /**
     * Sends {@code request} and reads the status line and headers (PROCESSING is timed), so the caller can
     * decide where the body goes before {@link #finish} reads it.
     */
    public static HttpExchange start(Connection connection, HttpRequest request, Deadline deadline, PhaseTimer timer)
            throws IOException {
        return start(connection, request, false, null, deadline, timer);
    }

    /**
     * {@link #start} over a connection to an HTTP proxy: the request names its target in absolute form
     * ({@code GET http://host/path HTTP/1.1}) and carries {@code proxyAuthorization} when it is not null.
     */
    static HttpExchange startThroughProxy(Connection connection, HttpRequest request, String proxyAuthorization,
                                          Deadline deadline, PhaseTimer timer) throws IOException {
        return start(connection, request, true, proxyAuthorization, deadline, timer);
    }

    private static HttpExchange start(Connection connection, HttpRequest request, boolean absoluteForm,
                                      String proxyAuthorization, Deadline deadline, PhaseTimer timer) throws IOException {
        HttpExchange exchange = new HttpExchange(connection, deadline, timer);
        exchange.write(request, absoluteForm, proxyAuthorization);
        exchange.readHead(request.method());
        return exchange;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** Reads the body into {@code sink} (TRANSFER is timed); the response holds it only for an in-memory sink. */
    @Override
    public HttpResponse finish(BodySink sink) throws IOException {
        boolean noBody = method.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304;
        if (noBody) {
            complete = true;
        } else {
            readBody(sink);
        }
        timer.end(PhaseTimer.Phase.TRANSFER);
        return new HttpResponse(version, status, reason, headers, sink.bytes(), sink.truncated());
    }

    /**
     * Whether the connection can carry another request after {@link #finish}: an HTTP/1.1 response read to its
     * exact end with nothing after it, and neither side said {@code Connection: close}.
     */
    public boolean reusable() {
        if (!complete || position != limit || requestedClose || !version.equals("HTTP/1.1") || status == 101) {
            return false;
        }
        for (String value : headers.getOrDefault("connection", List.of())) {
            for (String token : value.split(",")) {
                if (token.trim().equalsIgnoreCase("close")) {
                    return false;
                }
            }
        }
        return true;
    }

    private void write(HttpRequest request, boolean absoluteForm, String proxyAuthorization) throws IOException {
        URI uri = request.uri();
        StringBuilder head = new StringBuilder(256);
        String target = (absoluteForm ? uri.getScheme() + "://" + hostHeader(uri) : "") + pathAndQuery(uri);
        head.append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "Host: " + hostHeader(uri));
        headers.put("user-agent", "User-Agent: " + USER_AGENT);
        headers.put("accept", "Accept: */*");
        headers.put("connection", "Connection: close");
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getKey() + ": " + h.getValue());
        }
        if (proxyAuthorization != null) {
            headers.put("proxy-authorization", "Proxy-Authorization: " + proxyAuthorization);
        }
        if (request.body().length > 0 || requiresLength(request.method())) {
            headers.put("content-length", "Content-Length: " + request.body().length);
        }
        requestedClose = headers.get("connection").toLowerCase(Locale.ROOT).contains("close");
        headers.values().forEach(line -> head.append(line).append("\r\n"));
        head.append("\r\n");
        send(connection, deadline, head.toString().getBytes(StandardCharsets.ISO_8859_1), request.body());
    }

    /** The request target of an origin-form request: path (at least /) and query. */
    static String pathAndQuery(URI uri) {
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? target : target + "?" + uri.getRawQuery();
    }

    /** Writes {@code parts} to the connection, aborting it at the deadline if the peer stops reading. */
    static void send(Connection connection, Deadline deadline, byte[]... parts) throws IOException {
        OutputStream out = connection.socket().getOutputStream();
        long length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        if (length <= UNGUARDED_WRITE) {
            writeAll(out, parts);
            return;
        }
        // Socket timeouts bound reads only: a server that stops reading would block a write larger than
        // the socket buffers forever, so a guard aborts the connection at the deadline. SO_LINGER 0 keeps
        // a TLS close from waiting for the blocked writer to send close_notify.
        Thread guard = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(deadline.remaining());
                connection.socket().setSoLinger(true, 0);
            } catch (InterruptedException done) {
                return;
            } catch (IOException ignored) {
                // Closing below anyway.
            }
            connection.close();
        });
        try {
            writeAll(out, parts);
        } catch (IOException e) {
            if (deadline.expired()) {
                throw new ProbeTimeoutException("sending the request");
            }
            throw e;
        } finally {
            guard.interrupt();
        }
    }

    private static void writeAll(OutputStream out, byte[]... parts) throws IOException {
        for (byte[] part : parts) {
            out.write(part);
        }
        out.flush();
    }

    private void readHead(String requestMethod) throws IOException {
        method = requestMethod;
        String[] parts;
        boolean first = true;
        do {
            String statusLine = readLine("reading the status line");
            if (first) {
                timer.end(PhaseTimer.Phase.PROCESSING);
                first = false;
            }
            parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !isStatusCode(parts[1])) {
                throw new ProtocolViolation("not an HTTP/1.x status line: '" + ParamValidators.printable(statusLine) + "'");
            }
            status = Integer.parseInt(parts[1]);
            headers = readHeaders();
            // Interim responses (100 Continue, 103 Early Hints) precede the final one; clients must skip them.
        } while (status / 100 == 1 && status != 101);
        version = parts[0];
        reason = parts.length > 2 ? parts[2] : "";
    }

    private Map<String, List<String>> readHeaders() throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int bytes = 0;
        int count = 0;
        while (true) {
            String line = readLine("reading the response headers");
            if (line.isEmpty()) {
                return headers;
            }
            bytes += line.length();
            if (++count > MAX_HEADERS || bytes > MAX_HEADER_BYTES) {
                throw new ProtocolViolation("response headers exceed " + MAX_HEADERS + " lines or "
                        + MAX_HEADER_BYTES / 1024 + " KiB");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolViolation("malformed header line '" + ParamValidators.printable(line) + "'");
            }
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
    }

    private void readBody(BodySink sink) throws IOException {
        String transferEncoding = last(headers, "transfer-encoding");
        String contentLength = last(headers, "content-length");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            readChunked(sink);
        } else if (contentLength != null) {
            long length;
            try {
                length = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                throw new ProtocolViolation("Content-Length '" + ParamValidators.printable(contentLength) + "' is not a number");
            }
            if (length < 0) {
                throw new ProtocolViolation("negative Content-Length");
            }
            copy(sink, length);
            complete = !sink.truncated();
        } else {
            copy(sink, Long.MAX_VALUE);
        }
    }

    private void readChunked(BodySink sink) throws IOException {
        while (!sink.truncated()) {
            String sizeLine = readLine("reading a chunk header");
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new ProtocolViolation("bad chunk size '" + ParamValidators.printable(hex) + "'");
            }
            if (size < 0) {
                throw new ProtocolViolation("bad chunk size '" + ParamValidators.printable(hex) + "'");
            }
            if (size == 0) {
                while (!readLine("reading the chunked trailer").isEmpty()) {
                    // Trailers are not used; they are read only to finish the message.
                }
                complete = true;
                return;
            }
            copy(sink, size);
            if (!sink.truncated() && !readLine("reading the end of a chunk").isEmpty()) {
                throw new ProtocolViolation("chunk not followed by CRLF");
            }
        }
    }

    /** Copies up to {@code length} bytes (Long.MAX_VALUE: until the peer closes) into the sink. */
    private void copy(BodySink sink, long length) throws IOException {
        long left = length;
        while (left > 0 && !sink.truncated()) {
            if (position == limit && !fill("reading the response body", length == Long.MAX_VALUE)) {
                if (length == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("body ended after " + (length - left) + " of " + Plural.count(length, "byte"));
            }
            int n = (int) Math.min(left, limit - position);
            sink.write(buffer, position, n);
            position += n;
            left -= n;
        }
    }

    private String readLine(String step) throws IOException {
        // Most lines lie whole in the buffer: one scan and one String, not a StringBuilder call per byte (which costs
        // a cold JVM, still interpreting, milliseconds over a few hundred responses). The buffer is shorter than
        // MAX_LINE, so a line found in it is within the limit.
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                position = i + 1;
                return line;
            }
        }
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (position == limit && !fill(step, false)) {
                throw new EOFException("connection closed while " + step);
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new ProtocolViolation("line longer than " + MAX_LINE + " bytes while " + step);
            }
            line.append((char) (b & 0xff));
        }
    }

    /** Refills the buffer; false at end of stream when {@code eofAllowed}, otherwise EOF is reported by the caller. */
    private boolean fill(String step, boolean eofAllowed) throws IOException {
        if (deadline.expired()) {
            throw new ProbeTimeoutException(step);
        }
        connection.socket().setSoTimeout(deadline.remainingMillis());
        int n = in.read(buffer);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /** Three ASCII digits (a regex here costs more than the rest of the status line on a cold JVM). */
    private static boolean isStatusCode(String s) {
        return s.length() == 3 && isDigit(s.charAt(0)) && isDigit(s.charAt(1)) && isDigit(s.charAt(2));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean requiresLength(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port < 0 || (uri.getScheme().equals("http") && port == 80)
                || (uri.getScheme().equals("https") && port == 443);
        // URI.getHost() already brackets an IPv6 literal ("[::1]").
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        return defaultPort ? host : host + ":" + port;
    }

    private static String last(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(values.size() - 1);
    }

    private static String version() {
        String v = HttpExchange.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
