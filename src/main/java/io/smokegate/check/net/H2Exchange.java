package io.smokegate.check.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.smokegate.check.Deadline;
import io.smokegate.check.ParamValidators;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP/2 request and response over a TLS connection that negotiated h2, made by this probe. The connection
 * (and so the resolve, connect and TLS phases) is the probe's own, as for HTTP/1.1; the HTTP/2 protocol — frames,
 * HPACK, SETTINGS, flow control, PING — is Netty's codec, run in an embedded channel that this class feeds from
 * the socket and drains into it. Every read is bounded by the deadline; PROCESSING ends when the final response
 * HEADERS arrive, TRANSFER when the stream ends (or the read limit is reached). The codec (netty-codec-http2) comes
 * with vertx-core, which serves HTTP/2 with it: its version is Vert.x's.
 */
final class H2Exchange implements Exchange {

    private static final int READ_BUFFER = 16 * 1024;
    private static final int MAX_HEADERS = 200;
    /** Header bytes accepted (HPACK-decoded, with HTTP/2's 32 bytes per field), as for HTTP/1.1 plus room. */
    private static final int MAX_HEADER_LIST = 96 * 1024;
    /** Receive windows large enough that flow control does not slow a transfer down on a long path. */
    private static final int STREAM_WINDOW = 4 * 1024 * 1024;
    private static final int CONNECTION_WINDOW = 16 * 1024 * 1024;
    /** The window every HTTP/2 connection starts with (RFC 9113 6.9.2). */
    private static final int INITIAL_WINDOW = 65_535;
    /** HTTP/1.1 headers HTTP/2 forbids (RFC 9113 8.2.2); Host becomes :authority. */
    private static final Set<String> CONNECTION_HEADERS = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "host");

    private final Connection connection;
    private final InputStream in;
    private final Deadline deadline;
    private final PhaseTimer timer;
    private final byte[] buffer = new byte[READ_BUFFER];
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Handler handler;
    private final ChannelHandlerContext context;
    private int stream;
    private int status = -1;
    private Map<String, List<String>> headers;
    private boolean ended;
    private String failure;
    /** Body bytes that arrived with the head, before {@link #finish} was given a sink. */
    private final ByteArrayOutputStream early = new ByteArrayOutputStream();
    private BodySink sink;

    private H2Exchange(Connection connection, Deadline deadline, PhaseTimer timer) throws IOException {
        this.connection = connection;
        this.in = connection.socket().getInputStream();
        this.deadline = deadline;
        this.timer = timer;
        // Heap buffers that need no pooling: what is not released is garbage collected like any object.
        channel.config().setAllocator(new UnpooledByteBufAllocator(false));
        this.handler = new Builder(new Listener()).make();
        channel.pipeline().addLast(handler);
        this.context = channel.pipeline().context(handler);
    }

    /** Sends {@code request} and reads the response head; the connection must have negotiated h2 with ALPN. */
    static H2Exchange start(Connection connection, HttpRequest request, Deadline deadline, PhaseTimer timer)
            throws IOException {
        H2Exchange exchange = new H2Exchange(connection, deadline, timer);
        try {
            exchange.send(request);
            while (exchange.status < 0) {
                exchange.pump("waiting for the response headers");
            }
            timer.end(PhaseTimer.Phase.PROCESSING);
            return exchange;
        } catch (IOException | RuntimeException e) {
            exchange.release();
            throw e;
        }
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public HttpResponse finish(BodySink body) throws IOException {
        try {
            this.sink = body;
            byte[] arrived = early.toByteArray();
            body.write(arrived, 0, arrived.length);
            while (!ended && !body.truncated()) {
                pump("reading the response body");
            }
            timer.end(PhaseTimer.Phase.TRANSFER);
            return new HttpResponse("HTTP/2", status, "", headers, body.bytes(), body.truncated());
        } finally {
            release();
        }
    }

    private void send(HttpRequest request) throws IOException {
        URI uri = request.uri();
        Http2Headers h = new DefaultHttp2Headers()
                .method(request.method())
                .scheme(uri.getScheme())
                .authority(HttpExchange.hostHeader(uri))
                .path(HttpExchange.pathAndQuery(uri));
        h.set("user-agent", HttpExchange.USER_AGENT);
        h.set("accept", "*/*");
        for (Map.Entry<String, String> e : request.headers().entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("te") ? !e.getValue().trim().equalsIgnoreCase("trailers") : CONNECTION_HEADERS.contains(name)) {
                continue;
            }
            h.set(name, e.getValue());
        }
        byte[] body = request.body();
        boolean requiresLength = Set.of("POST", "PUT", "PATCH").contains(request.method());
        if (body.length > 0 || requiresLength) {
            h.set("content-length", Integer.toString(body.length));
        }
        stream = handler.connection().local().incrementAndGetNextStreamId();
        try {
            handler.connection().local().flowController().incrementWindowSize(
                    handler.connection().connectionStream(), CONNECTION_WINDOW - INITIAL_WINDOW);
        } catch (Http2Exception e) {
            throw new ProtocolViolation("HTTP/2: " + e.getMessage());
        }
        handler.encoder().writeHeaders(context, stream, h, 0, body.length == 0, context.newPromise());
        if (body.length > 0) {
            handler.encoder().writeData(context, stream, Unpooled.wrappedBuffer(body), 0, true, context.newPromise());
        }
        channel.flush();
        if (failure != null) {
            throw new ProtocolViolation(failure);
        }
        drain();
    }

    /** Writes what the codec has for the server, reads once from the socket and hands that to the codec. */
    private void pump(String step) throws IOException {
        drain();
        if (deadline.expired()) {
            throw new ProbeTimeoutException(step);
        }
        connection.socket().setSoTimeout(deadline.remainingMillis());
        int n = in.read(buffer);
        if (n < 0) {
            throw new EOFException("connection closed while " + step);
        }
        try {
            // Copied: the codec may keep an incomplete frame's bytes while the buffer is read into again.
            channel.writeInbound(Unpooled.copiedBuffer(buffer, 0, n));
            channel.checkException();
        } catch (Exception e) {
            // checkException rethrows what reached the end of the pipeline, checked exceptions included.
            throw new ProtocolViolation("HTTP/2: " + e.getMessage());
        }
        if (failure != null) {
            throw new ProtocolViolation(failure);
        }
        drain();
    }

    /** Sends the frames the codec wrote: the preface, SETTINGS and their acks, WINDOW_UPDATEs, the request. */
    private void drain() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object frame = channel.readOutbound(); frame != null; frame = channel.readOutbound()) {
            ByteBuf bytes = (ByteBuf) frame;
            try {
                bytes.readBytes(out, bytes.readableBytes());
            } finally {
                bytes.release();
            }
        }
        if (out.size() > 0) {
            HttpExchange.send(connection, deadline, out.toByteArray());
        }
    }

    private void release() {
        channel.finishAndReleaseAll();
    }

    /** What the server sends on our stream; other streams (there are none: push is off) are ignored. */
    private final class Listener extends Http2FrameAdapter {

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers received, int padding,
                                  boolean endOfStream) {
            if (streamId != stream) {
                return;
            }
            if (status < 0) {
                int code = statusOf(received);
                if (code < 0) {
                    failure = "HTTP/2 response without a valid :status";
                    return;
                }
                if (code / 100 == 1 && !endOfStream) {
                    // Interim responses (103 Early Hints) precede the final one, as in HTTP/1.1.
                    return;
                }
                headers = fields(received);
                status = code;
            }
            ended |= endOfStream;
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers received, int streamDependency,
                                  short weight, boolean exclusive, int padding, boolean endOfStream) {
            onHeadersRead(ctx, streamId, received, padding, endOfStream);
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
            int consumed = data.readableBytes() + padding;
            if (streamId == stream) {
                byte[] bytes = new byte[data.readableBytes()];
                data.readBytes(bytes);
                if (sink == null) {
                    early.writeBytes(bytes);
                } else if (!sink.truncated()) {
                    try {
                        sink.write(bytes, 0, bytes.length);
                    } catch (IOException e) {
                        failure = "cannot store the response body: " + e.getMessage();
                    }
                }
                ended |= endOfStream;
            }
            return consumed;
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
            if (streamId == stream && !ended) {
                failure = "the server reset the HTTP/2 stream (" + errorName(errorCode) + ")";
            }
        }

        @Override
        public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
            if (ended) {
                return;
            }
            String debug = debugData.readableBytes() == 0 ? ""
                    : ": '" + ParamValidators.printable(debugData.toString(StandardCharsets.UTF_8)) + "'";
            if (errorCode != Http2Error.NO_ERROR.code()) {
                failure = "the server closed the HTTP/2 connection (GOAWAY " + errorName(errorCode) + debug + ")";
            } else if (lastStreamId < stream) {
                failure = "the server closed the HTTP/2 connection before taking the request (GOAWAY" + debug + ")";
            }
        }

        private int statusOf(Http2Headers received) {
            CharSequence s = received.status();
            if (s == null || !s.toString().matches("\\d{3}")) {
                return -1;
            }
            return Integer.parseInt(s.toString());
        }

        private Map<String, List<String>> fields(Http2Headers received) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            int count = 0;
            for (Map.Entry<CharSequence, CharSequence> e : received) {
                String name = e.getKey().toString().toLowerCase(Locale.ROOT);
                if (name.startsWith(":")) {
                    continue;
                }
                if (++count > MAX_HEADERS) {
                    failure = "HTTP/2 response headers exceed " + MAX_HEADERS + " fields";
                    break;
                }
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(e.getValue().toString());
            }
            return out;
        }
    }

    private static String errorName(long code) {
        Http2Error error = Http2Error.valueOf(code);
        return error == null ? "error " + code : error.name();
    }

    /** The client side of Netty's HTTP/2 connection handler; its first connection error becomes the failure. */
    private final class Handler extends Http2ConnectionHandler {

        Handler(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
            super(decoder, encoder, settings);
        }

        @Override
        public void onError(ChannelHandlerContext ctx, boolean outbound, Throwable cause) {
            if (failure == null) {
                failure = "HTTP/2 protocol error: " + cause.getMessage();
            }
            super.onError(ctx, outbound, cause);
        }
    }

    private final class Builder extends AbstractHttp2ConnectionHandlerBuilder<Handler, Builder> {

        Builder(Listener listener) {
            server(false);
            frameListener(listener);
            gracefulShutdownTimeoutMillis(0);
            initialSettings(Http2Settings.defaultSettings()
                    .pushEnabled(false)
                    .initialWindowSize(STREAM_WINDOW)
                    .maxHeaderListSize(MAX_HEADER_LIST));
        }

        Handler make() {
            return build();
        }

        @Override
        protected Handler build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
            return new Handler(decoder, encoder, settings);
        }
    }
}
