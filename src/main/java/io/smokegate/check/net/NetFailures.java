package io.smokegate.check.net;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.URI;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Turns the JDK's network exceptions into one line an operator understands. */
public final class NetFailures {

    /** Why a server that wants a client certificate refused the connection when none was configured. */
    static final String NO_CLIENT_CERTIFICATE = "the server requires a client certificate and none is configured"
            + " (give tls.certFile and tls.keyFile)";

    private NetFailures() {
    }

    /**
     * @param target what was being reached (host:port or URL), named in the message
     * @param step   what was going on ("connecting", "reading the response headers"), named on timeouts
     * @param budget the time the probe had
     */
    public static String describe(Throwable error, String target, String step, Duration budget) {
        if (error instanceof ProxyFailure proxy) {
            return proxy.getCause() == null ? proxy.getMessage()
                    : describe(proxy.getCause(), "proxy " + proxy.proxy() + " for " + target, step, budget);
        }
        if (error instanceof ExplainedFailure) {
            return error.getMessage();
        }
        if (error instanceof ProbeTimeoutException || error instanceof SocketTimeoutException) {
            return "timed out after " + io.smokegate.input.Durations.format(budget) + " while " + step + " (" + target + ")";
        }
        if (error instanceof UnknownHostException) {
            // Connection.open reports a host without an address of the wanted family as "<host> has no ip6 address".
            String m = String.valueOf(error.getMessage());
            return m.contains(" has no ") ? "DNS lookup failed: " + m : "DNS lookup failed for " + host(target) + ": no such host";
        }
        if (error instanceof ConnectException) {
            return "connection refused by " + target;
        }
        if (error instanceof NoRouteToHostException || error instanceof PortUnreachableException) {
            return "no route to " + target;
        }
        if (error instanceof SSLHandshakeException || error instanceof SSLException) {
            return "TLS handshake with " + target + " failed: " + tlsReason(error);
        }
        if (error instanceof EOFException) {
            return "connection closed by " + target + " while " + step;
        }
        if (error instanceof SocketException) {
            String m = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("reset")) {
                return "connection reset by " + target + " while " + step;
            }
            if (m.contains("broken pipe") || m.contains("closed")) {
                return "connection closed by " + target + " while " + step;
            }
            if (m.contains("unreachable")) {
                return "network unreachable: " + target;
            }
        }
        if (error instanceof ProtocolViolation) {
            return target + " broke the protocol while " + step + ": " + error.getMessage();
        }
        return "network error while " + step + " (" + target + "): " + error.getMessage();
    }

    /** The host of a URL or host:port: a name is looked up, never a port or a path. */
    static String host(String target) {
        if (target.contains("://")) {
            try {
                String host = URI.create(target).getHost();
                if (host != null) {
                    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
                }
            } catch (IllegalArgumentException e) {
                return target;
            }
        }
        return HostPort.parse(target, 1).map(HostPort::host).orElse(target);
    }

    static String tlsReason(Throwable error) {
        // The validity exceptions sit at the bottom of the chain, under a CertPathValidatorException whose
        // reason alone would lose the date; look for them first.
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "certificate has expired (" + t.getMessage() + ")";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate is not yet valid (" + t.getMessage() + ")";
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("No subject alternative") || m.contains("No name matching")) {
                return "certificate does not match the host name (" + m + ")";
            }
            if (m.contains("PKIX path building failed") || m.contains("unable to find valid certification path")) {
                return "certificate is not trusted: no chain to a trusted root (self-signed or unknown CA)";
            }
            if (t instanceof CertPathValidatorException cpve && cpve.getReason() != null) {
                String reason = cpve.getReason().toString();
                if (reason.equals("EXPIRED")) {
                    return "a certificate in the chain has expired";
                }
                return "certificate chain is invalid (" + reason.toLowerCase(Locale.ROOT) + ")";
            }
            if (m.contains("protocol_version") || m.contains("No appropriate protocol")) {
                return "no TLS version in common with the server";
            }
            if (m.contains("certificate_required")) {
                return NO_CLIENT_CERTIFICATE;
            }
            if (m.contains("Received fatal alert: bad_certificate") || m.contains("Received fatal alert: unknown_ca")
                    || m.contains("Received fatal alert: certificate_unknown") || m.contains("Received fatal alert: access_denied")) {
                return "the server rejected the client certificate (" + m.substring(m.indexOf("alert: ") + 7) + ")";
            }
            if (m.contains("handshake_failure")) {
                return "the server rejected the handshake (no common cipher suite or client certificate required)";
            }
            if (m.contains("Unsupported or unrecognized SSL message") || m.contains("plaintext")) {
                return "the server did not answer with TLS (plain HTTP on a TLS port?)";
            }
        }
        return String.valueOf(error.getMessage());
    }
}
