package io.smokegate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plain TCP connection to an HTTP server on loopback: requests written as bytes (all at once or trickled),
 * answers read as they come, and a way to see when the server closes the connection.
 */
public final class RawHttpConnection implements AutoCloseable {

    /** An answer: status, headers with lower-case names, and the body (Content-Length bytes). */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawHttpConnection(int port) throws IOException {
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends a request and reads its answer, within {@code timeout}. */
    public Response exchange(String request, Duration timeout) throws IOException {
        send(request);
        return response(timeout);
    }

    /** Reads one answer; fails if it does not arrive within {@code timeout} or the connection closes first. */
    public Response response(Duration timeout) throws IOException {
        return read(timeout, true);
    }

    /** The answer to a HEAD request: a head that may announce a length, and no body after it. */
    public Response headResponse(Duration timeout) throws IOException {
        return read(timeout, false);
    }

    private Response read(Duration timeout, boolean withBody) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        String[] lines = readHead().split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int length = withBody ? Integer.parseInt(headers.getOrDefault("content-length", "0")) : 0;
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("connection closed after " + body.length + " of " + length + " body bytes");
        }
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * How long until the server closes the connection, writing one byte of {@code trickle} every {@code every}
     * meanwhile (none when it is empty); fails if it is still open after {@code limit}.
     */
    public Duration closedWithin(Duration limit, String trickle, Duration every) throws IOException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        int next = 0;
        socket.setSoTimeout((int) Math.max(1, every.toMillis()));
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < deadline) {
            try {
                if (next < trickle.length()) {
                    out.write(trickle.charAt(next++));
                    out.flush();
                }
                if (in.read(buffer) < 0) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (SocketTimeoutException stillOpen) {
                // Nothing yet: trickle on.
            } catch (SocketException reset) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
        }
        throw new AssertionError("the server did not close the connection within " + limit);
    }

    /** True if the server neither closed the connection nor sent anything within {@code wait}. */
    public boolean openAfter(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            in.read();
            return false;
        } catch (SocketTimeoutException stillOpen) {
            return true;
        } catch (SocketException reset) {
            return false;
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before an answer" + (head.size() == 0 ? "" : ": " + head));
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1).strip();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
