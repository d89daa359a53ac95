package io.smokegate.check.net;

import io.smokegate.check.Deadline;
import io.smokegate.text.Plural;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 connections kept alive between the requests of one check — a go.sum's hundreds of checksum-database
 * lookups, a module's {@code .info}, {@code .mod} and {@code .zip} — so they pay for connection setup once per
 * connection, not once per request. One pool serves the process (a shared client of the check context); each
 * check takes its own {@link Scope}, whose connections no other check reuses, so a check's first request to a
 * server includes connection setup whatever ran before it, and which closes them when the check ends.
 *
 * <p>Per route (fetcher settings, host, port, TLS) a scope holds at most {@code maxPerRoute} connections; further
 * requests wait for one within their deadline. A connection is kept only when its response was read to the exact
 * end and neither side said {@code Connection: close}; kept connections idle longer than {@code idleTimeout} are
 * closed. A kept connection the server closed meanwhile fails on its first write or read: a GET or HEAD is then
 * sent once more on a fresh connection. Closing the pool closes every connection it holds, busy or idle.
 *
 * <p>HTTP/2 is not spoken here: every connection carries one request at a time.
 */
public final class ConnectionPool implements AutoCloseable {

    /**
     * @param maxPerRoute connections per route and check, busy and idle together
     * @param idleTimeout how long a kept connection may wait for the next request
     */
    public record Settings(int maxPerRoute, Duration idleTimeout) {

        /**
         * 16 connections: as many as gosum.verify's default lookups in flight. 4 s: below the 5 s after which
         * Apache closes an idle connection, so a kept connection rarely meets a server that has just closed it.
         */
        public static final Settings DEFAULT = new Settings(16, Duration.ofSeconds(4));

        public Settings {
            if (maxPerRoute < 1 || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("a pool needs at least one connection per route and a positive idle timeout");
            }
        }
    }

    /** The deadline passed while every connection of the route was busy. */
    public static final class NoFreeConnection extends ProbeTimeoutException {
        private final String step;

        NoFreeConnection(HostPort target, int max) {
            this("waiting for one of " + Plural.count(max, "connection") + " to " + target.host() + ":" + target.port());
        }

        private NoFreeConnection(String step) {
            super(step);
            this.step = step;
        }

        /** What the request was doing, for failure messages ("waiting for one of 16 connections to …"). */
        public String step() {
            return step;
        }
    }

    private final Settings settings;
    private final Set<Scope> scopes = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reaper;
    private volatile boolean closed;

    public ConnectionPool(Settings settings) {
        this.settings = settings;
        this.reaper = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("connection-pool-reaper").factory());
        long period = Math.clamp(settings.idleTimeout().toMillis() / 4, 10, 1000);
        reaper.scheduleWithFixedDelay(this::closeExpired, period, period, TimeUnit.MILLISECONDS);
    }

    /** A scope for one check; close it when the check ends. */
    public Scope scope() {
        Scope scope = new Scope();
        scopes.add(scope);
        if (closed) {
            scope.abort();
        }
        return scope;
    }

    /** Connections open (busy or idle) in every scope, for tests and diagnostics. */
    public int openConnections() {
        return scopes.stream().mapToInt(Scope::openConnections).sum();
    }

    /** Closes connections idle too long, and forgets closed scopes once their last connection is gone. */
    private void closeExpired() {
        long oldest = System.nanoTime() - settings.idleTimeout().toNanos();
        for (Scope scope : scopes) {
            scope.closeIdle(oldest);
            if (scope.closed && scope.openConnections() == 0) {
                scopes.remove(scope);
            }
        }
    }

    /** Closes every connection, busy or idle; requests still running fail, later ones are refused. */
    @Override
    public void close() {
        closed = true;
        reaper.shutdownNow();
        for (Scope scope : List.copyOf(scopes)) {
            scope.abort();
        }
    }

    private static IOException shutDown() {
        return new IOException("the connection pool is closed (smokegate is shutting down)");
    }

    /** The connections of one check; a {@link ConnectionSource} for its {@link HttpFetcher}. */
    public final class Scope implements ConnectionSource, AutoCloseable {

        private final Map<Route, Slot> slots = new ConcurrentHashMap<>();
        private volatile boolean closed;

        private Scope() {
        }

        @Override
        public Sent send(Route route, HttpRequest request, Opener opener, Deadline deadline, PhaseTimer timer)
                throws IOException, InterruptedException {
            if (closed || ConnectionPool.this.closed) {
                throw shutDown();
            }
            Slot slot = slots.computeIfAbsent(route, r -> new Slot());
            if (!slot.permits.tryAcquire(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new NoFreeConnection(route.target(), settings.maxPerRoute());
            }
            boolean handedOut = false;
            try {
                HttpRequest kept = keepAlive(request);
                Connection idle = slot.takeIdle(System.nanoTime() - settings.idleTimeout().toNanos());
                if (idle != null) {
                    timer.reuse();
                    try {
                        Sent sent = slot.lease(idle, route.via().start(idle, kept, deadline, timer));
                        handedOut = true;
                        return sent;
                    } catch (IOException | RuntimeException e) {
                        slot.discard(idle);
                        if (!(e instanceof IOException failure) || !sendAgain(kept, failure, deadline)) {
                            throw e;
                        }
                    }
                }
                Connection fresh = opener.open();
                slot.track(fresh);
                Exchange exchange;
                try {
                    exchange = route.via().start(fresh, kept, deadline, timer);
                } catch (IOException | RuntimeException e) {
                    slot.discard(fresh);
                    throw e;
                }
                handedOut = true;
                return slot.lease(fresh, exchange);
            } finally {
                if (!handedOut) {
                    slot.permits.release();
                }
            }
        }

        /**
         * Closes the idle connections now; busy ones close when their exchange is done (or with the pool, which
         * keeps the scope until then).
         */
        @Override
        public void close() {
            closed = true;
            slots.values().forEach(Slot::closeIdle);
        }

        /**
         * Closes every connection, busy ones too, so that a thread blocked reading from one fails at once: a platform
         * thread does not see an interrupt while it waits on a socket, as a virtual thread does.
         */
        public void abort() {
            closed = true;
            slots.values().forEach(Slot::closeAll);
        }

        private void closeIdle(long idleSince) {
            slots.values().forEach(slot -> slot.closeIdle(idleSince));
        }

        private int openConnections() {
            return slots.values().stream().mapToInt(Slot::size).sum();
        }

        private boolean keeps() {
            return !closed && !ConnectionPool.this.closed;
        }

        /** One route's connections: every open one (to close them all on shutdown) and the idle ones, newest last. */
        private final class Slot {
            private final Semaphore permits = new Semaphore(settings.maxPerRoute());
            private final Set<Connection> open = new HashSet<>();
            private final Deque<Idle> idle = new ArrayDeque<>();

            /** The most recently used idle connection (the likeliest to be alive), closing expired and dead ones. */
            synchronized Connection takeIdle(long idleSince) {
                while (!idle.isEmpty()) {
                    Idle last = idle.pollLast();
                    if (last.since() - idleSince >= 0 && alive(last.connection())) {
                        return last.connection();
                    }
                    drop(last.connection());
                }
                return null;
            }

            synchronized void track(Connection connection) throws IOException {
                if (!keeps()) {
                    connection.close();
                    throw shutDown();
                }
                open.add(connection);
            }

            /**
             * The exchange on one of this slot's connections; closing it keeps the connection or closes it. An HTTP/2
             * exchange (never made here: Go proxy requests are HTTP/1.1) is not kept.
             */
            Sent lease(Connection connection, Exchange exchange) {
                return new Sent(connection, exchange, () -> {
                    giveBack(connection, exchange instanceof HttpExchange http && http.reusable());
                    permits.release();
                });
            }

            private synchronized void giveBack(Connection connection, boolean reusable) {
                if (reusable && keeps() && open.contains(connection)) {
                    idle.addLast(new Idle(connection, System.nanoTime()));
                } else {
                    drop(connection);
                }
            }

            synchronized void discard(Connection connection) {
                drop(connection);
            }

            synchronized void closeIdle(long idleSince) {
                while (!idle.isEmpty() && idle.peekFirst().since() - idleSince < 0) {
                    drop(idle.pollFirst().connection());
                }
            }

            synchronized void closeIdle() {
                while (!idle.isEmpty()) {
                    drop(idle.pollFirst().connection());
                }
            }

            synchronized void closeAll() {
                idle.clear();
                new ArrayList<>(open).forEach(this::drop);
            }

            synchronized int size() {
                return open.size();
            }

            private void drop(Connection connection) {
                open.remove(connection);
                connection.close();
            }
        }
    }

    private record Idle(Connection connection, long since) {
    }

    /**
     * Whether an idle connection can carry a request: not closed, and nothing arrived while it was idle (a server
     * may announce its close, e.g. with a 408, which must not be read as the answer to the next request).
     */
    private static boolean alive(Connection connection) {
        try {
            return !connection.socket().isClosed() && !connection.socket().isInputShutdown()
                    && connection.socket().getInputStream().available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A kept connection that failed before any answer was most likely closed by the server while idle: a GET or
     * HEAD (safe to repeat) is sent once more on a fresh connection, unless the deadline passed or the server
     * answered something that is not HTTP.
     */
    private static boolean sendAgain(HttpRequest request, IOException failure, Deadline deadline) {
        String method = request.method().toUpperCase(Locale.ROOT);
        return (method.equals("GET") || method.equals("HEAD")) && !(failure instanceof SocketTimeoutException)
                && !(failure instanceof ProtocolViolation) && !deadline.expired();
    }

    /** HttpExchange asks to close after each response unless the request says otherwise. */
    private static HttpRequest keepAlive(HttpRequest request) {
        for (String name : request.headers().keySet()) {
            if (name.equalsIgnoreCase("connection")) {
                return request;
            }
        }
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put("Connection", "keep-alive");
        return new HttpRequest(request.method(), request.uri(), headers, request.body());
    }
}
