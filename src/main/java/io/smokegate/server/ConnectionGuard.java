package io.smokegate.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.smokegate.config.ConnectionLimits;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps idle, slow and surplus connections from taking the descriptors the service needs (20,000 idle
 * connections once left {@code /healthz}, runs and the scheduler with "Too many open files").
 * <ul>
 * <li>A connection waiting for a request (new, or done with its previous one) is closed after
 *     {@code idleTimeout} in which nothing arrives.
 * <li>From its first byte, a request (line, headers and body) must have arrived within
 *     {@code requestReadTimeout}: a deadline, so trickling a byte at a time (slowloris) does not extend it.
 * <li>Nothing is timed while the server works on an answer: a run with {@code ?wait=true} may take minutes.
 * <li>At {@code maxConnections}, a new connection makes room by closing the one that has waited longest without
 *     a request in progress (nginx reuses idle connections the same way); only when every connection is busy
 *     with a request is the new one closed. So idle connections, however many, cannot lock out {@code /healthz}.
 * </ul>
 * Seeing the first byte of a request takes a Netty handler in the connection's pipeline: Vert.x shows a request
 * only once its headers are complete, and its own idle timeout would also cut connections awaiting long answers.
 */
final class ConnectionGuard {

    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class.getName());
    private static final String HANDLER_NAME = "smokegate-connection-guard";
    private static final long WARN_EVERY = Duration.ofMinutes(1).toNanos();

    private enum Phase { WAITING, READING, BUSY }

    private final long idleNanos;
    private final long readNanos;
    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    /** Connections without a request in progress, by when they started waiting: the first is closed at the cap. */
    private final ConcurrentSkipListMap<Long, Watched> waiting = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<HttpConnection, Watched> watched = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY);

    ConnectionGuard(ConnectionLimits limits) {
        this.idleNanos = limits.idleTimeout().toNanos();
        this.readNanos = limits.requestReadTimeout().toNanos();
        this.max = limits.effectiveMaxConnections();
    }

    int maxConnections() {
        return max;
    }

    /** The server's connection handler: counts and caps connections and watches each from its start. */
    void accept(HttpConnection connection) {
        if (!(connection instanceof HttpServerConnection server)) {
            // Only a Vert.x upgrade could get here; an unwatched connection would escape every limit.
            LOG.severe("cannot watch connections of type " + connection.getClass().getName() + "; closing it");
            connection.close();
            return;
        }
        Channel channel = server.channelHandlerContext().channel();
        if (open.incrementAndGet() > max && !closeLongestWaiting()) {
            open.decrementAndGet();
            warn("all " + max + " connections (server.maxConnections) are busy with requests: closing new ones");
            channel.close();
            return;
        }
        Watched w = new Watched(connection, channel);
        watched.put(connection, w);
        connection.closeHandler(v -> w.closed());
        channel.pipeline().addFirst(HANDLER_NAME, w);
        w.start();
    }

    /** The router's first handler: follows the request until it has arrived and been answered. */
    void request(RoutingContext ctx) {
        Watched w = watched.get(ctx.request().connection());
        if (w != null) {
            w.requestStarted(ctx);
        }
        ctx.next();
    }

    private boolean closeLongestWaiting() {
        for (Map.Entry<Long, Watched> e = waiting.pollFirstEntry(); e != null; e = waiting.pollFirstEntry()) {
            if (e.getValue().evict(e.getKey())) {
                warn("server.maxConnections (" + max + ") reached: closing the connections that waited longest"
                        + " for a request to make room for new ones");
                return true;
            }
        }
        return false;
    }

    /** At most once a minute: a flood would otherwise flood the log too. */
    private void warn(String message) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY && lastWarning.compareAndSet(last, now)) {
            LOG.warning(message + " (logged at most once a minute)");
        }
    }

    /** One connection; its methods run on its event loop, except {@link #evict} (any connection's loop). */
    private final class Watched extends ChannelInboundHandlerAdapter {

        private final HttpConnection connection;
        private final Channel channel;
        private Phase phase = Phase.WAITING;
        /** Its key in {@link #waiting}; 0 while busy. */
        private long key;
        /** Parts of the request in progress still to come: the rest of the request, the end of its answer. */
        private int unfinished;
        /** Bytes of a next request arrived while this one was being answered (HTTP/1.1 pipelining). */
        private boolean moreArrived;
        private ScheduledFuture<?> timer;
        /** Counts phases entered, so that a timer set for an earlier one never closes the connection. */
        private long entered;
        private boolean closed;

        Watched(HttpConnection connection, Channel channel) {
            this.connection = connection;
            this.channel = channel;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            arrived();
            ctx.fireChannelRead(msg);
        }

        synchronized void start() {
            enter(Phase.WAITING);
        }

        private synchronized void arrived() {
            if (phase == Phase.WAITING) {
                enter(Phase.READING);
            } else if (phase == Phase.BUSY) {
                moreArrived = true;
            }
        }

        synchronized void requestStarted(RoutingContext ctx) {
            if (closed) {
                return;
            }
            if (phase == Phase.WAITING) {
                enter(Phase.READING);
            }
            unfinished = 2;
            HttpServerRequest request = ctx.request();
            if (request.isEnded()) {
                partDone(true);
            } else {
                request.end().onComplete(done -> partDone(true));
            }
            ctx.addEndHandler(done -> partDone(false));
        }

        private synchronized void partDone(boolean requestPart) {
            if (closed || unfinished == 0) {
                return;
            }
            unfinished--;
            if (unfinished == 0) {
                enter(moreArrived ? Phase.READING : Phase.WAITING);
                moreArrived = false;
            } else if (requestPart) {
                enter(Phase.BUSY);
            }
        }

        /** Until it is answered, a request that has arrived is never closed; otherwise its phase sets a deadline. */
        private void enter(Phase next) {
            phase = next;
            long current = ++entered;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            if (next == Phase.BUSY) {
                leaveWaiting();
                return;
            }
            if (key == 0) {
                key = sequence.incrementAndGet();
                waiting.put(key, this);
            }
            long deadline = next == Phase.WAITING ? idleNanos : readNanos;
            String why = next == Phase.WAITING ? "idle for server.idleTimeout" : "request not received within server.requestReadTimeout";
            timer = channel.eventLoop().schedule(() -> expire(current, why), deadline, TimeUnit.NANOSECONDS);
        }

        private synchronized void expire(long phaseEntered, String why) {
            if (!closed && entered == phaseEntered) {
                close(why);
            }
        }

        /** Closes it to make room if it still waits for a request under {@code expected}, its key when polled. */
        synchronized boolean evict(long expected) {
            if (closed || phase == Phase.BUSY || key != expected) {
                return false;
            }
            close("server.maxConnections reached and it waited longest for a request");
            return true;
        }

        private void close(String why) {
            closed();
            LOG.log(Level.FINE, "closing connection", new Object[] {"remote=" + connection.remoteAddress(), "reason=" + why});
            channel.close();
        }

        /** Gives its place back exactly once, whoever closed it. */
        synchronized void closed() {
            if (closed) {
                return;
            }
            closed = true;
            if (timer != null) {
                timer.cancel(false);
            }
            leaveWaiting();
            watched.remove(connection);
            open.decrementAndGet();
        }

        private void leaveWaiting() {
            if (key != 0) {
                waiting.remove(key, this);
                key = 0;
            }
        }
    }
}
