package io.smokegate.check.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** An open connection made for one probe; {@code tls} is null for plain TCP. */
public record Connection(Socket socket, InetAddress address, SSLSession tls) implements Closeable {

    public static Connection open(HostPort target, IpProtocol ip, TlsClient tlsClient, String serverName,
                                  io.smokegate.check.Deadline deadline, PhaseTimer timer)
            throws IOException, InterruptedException {
        return open(target, ip, tlsClient, serverName, java.util.List.of(), deadline, timer);
    }

    /** {@link #open(HostPort, IpProtocol, TlsClient, String, io.smokegate.check.Deadline, PhaseTimer)} offering {@code alpn}. */
    public static Connection open(HostPort target, IpProtocol ip, TlsClient tlsClient, String serverName,
                                  java.util.List<String> alpn, io.smokegate.check.Deadline deadline, PhaseTimer timer)
            throws IOException, InterruptedException {
        timer.start(tlsClient != null);
        InetAddress[] all = Resolver.resolve(target.host(), deadline);
        InetAddress address = ip.pick(all).orElseThrow(() -> new java.net.UnknownHostException(
                target.host() + " has no " + ip.label() + " address"));
        timer.end(PhaseTimer.Phase.RESOLVE);
        if (deadline.expired()) {
            throw new ProbeTimeoutException("resolving " + target.host());
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new java.net.InetSocketAddress(address, target.port()), deadline.remainingMillis());
            timer.end(PhaseTimer.Phase.CONNECT);
            if (tlsClient == null) {
                return new Connection(socket, address, null);
            }
            SSLSocket ssl = tlsClient.handshake(socket, serverName == null ? target.host() : serverName,
                    target.port(), alpn, deadline);
            timer.end(PhaseTimer.Phase.TLS);
            return new Connection(ssl, address, ssl.getSession());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing to do: the probe is over either way.
        }
    }
}
