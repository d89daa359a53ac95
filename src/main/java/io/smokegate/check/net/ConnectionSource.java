package io.smokegate.check.net;

import io.smokegate.check.Deadline;
import java.io.IOException;

/**
 * Where {@link HttpFetcher} gets the connection for each request. {@link #FRESH} opens one per request and closes
 * it after the response: what a probe of connection setup must measure. A {@link ConnectionPool.Scope} keeps
 * connections open between the lookups of one check, where connection setup is not what is measured.
 */
public interface ConnectionSource {

    /**
     * Where a connection goes: the fetcher that asks (its TLS client, server name, IP protocol — settings a reused
     * connection must share, compared by identity), the host and port, and whether it speaks TLS.
     */
    record Route(HttpFetcher via, HostPort target, boolean https) {
        // Written out: a record's generated equals and hashCode run through method handles, slow until compiled,
        // and every request looks its route up.
        @Override
        public boolean equals(Object other) {
            return other instanceof Route that && via == that.via && https == that.https
                    && target.port() == that.target.port() && target.host().equals(that.target.host());
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(via) * 31 + target.host().hashCode()) * 31 + target.port() + (https ? 1 : 0);
        }
    }

    /** Opens a new connection for the route; the source calls it when it has no connection to reuse. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws IOException, InterruptedException;
    }

    /** A request sent and its response head read. Closing it (once) gives the connection back, or closes it. */
    final class Sent implements AutoCloseable {
        private final Connection connection;
        private final Exchange exchange;
        private final Runnable release;
        private boolean released;

        /** @param release run on the first close: closes the connection or returns it to its source */
        public Sent(Connection connection, Exchange exchange, Runnable release) {
            this.connection = connection;
            this.exchange = exchange;
            this.release = release;
        }

        public Connection connection() {
            return connection;
        }

        Exchange exchange() {
            return exchange;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                release.run();
            }
        }
    }

    /** Sends {@code request} over a connection for {@code route} and reads the response head. */
    Sent send(Route route, HttpRequest request, Opener opener, Deadline deadline, PhaseTimer timer)
            throws IOException, InterruptedException;

    /** A fresh connection for every request, closed after it. */
    ConnectionSource FRESH = (route, request, opener, deadline, timer) -> {
        Connection connection = opener.open();
        return new Sent(connection, startOn(route, connection, request, deadline, timer), connection::close);
    };

    /** Starts the exchange on a connection just opened for {@code route}, closing it if that fails. */
    static Exchange startOn(Route route, Connection connection, HttpRequest request, Deadline deadline, PhaseTimer timer)
            throws IOException {
        try {
            return route.via().start(connection, request, deadline, timer);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
