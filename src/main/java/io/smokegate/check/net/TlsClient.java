package io.smokegate.check.net;

import io.smokegate.check.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import javax.net.ssl.SSLEngine;

/**
 * TLS handshakes for probes. A verifying client checks the chain against the JDK's trust store (or a
 * given CA file) and the host name as HTTPS does; a permissive one completes any handshake so the
 * certificate can be inspected (the tls check then verifies it itself and reports each problem).
 */
public final class TlsClient {

    /** The shared client that verifies against the JDK's trust store. */
    public static TlsClient defaultVerifying() {
        return DEFAULT_VERIFYING.get();
    }

    /** Clients with the JDK trust store, shared because loading it costs milliseconds per check. */
    static final Lazy DEFAULT_VERIFYING = new Lazy(true);
    static final Lazy DEFAULT_PERMISSIVE = new Lazy(false);

    private final SSLContext context;
    private final X509TrustManager trust;
    private final boolean verifying;

    private TlsClient(SSLContext context, X509TrustManager trust, boolean verifying) {
        this.context = context;
        this.trust = trust;
        this.verifying = verifying;
    }

    /** Verifies chain and host name; {@code caFile} (PEM) replaces the JDK trust store when given. */
    public static TlsClient verifying(Path caFile) throws IOException, GeneralSecurityException {
        X509TrustManager trust = trustManager(caFile);
        return new TlsClient(context(trust), trust, true);
    }

    /** Completes handshakes with any certificate; {@link #trust()} still holds the real trust anchors. */
    public static TlsClient permissive(Path caFile) throws IOException, GeneralSecurityException {
        return new TlsClient(context(new AcceptAll()), trustManager(caFile), false);
    }

    public X509TrustManager trust() {
        return trust;
    }

    /** Handshakes over {@code raw}; {@code serverName} is sent as SNI and, when verifying, checked against the certificate. */
    public SSLSocket handshake(Socket raw, String serverName, int port, Deadline deadline) throws IOException {
        // SNI forbids the trailing dot of an absolute name ("example.com."); SNIHostName would throw on it.
        String name = serverName.endsWith(".") ? serverName.substring(0, serverName.length() - 1) : serverName;
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(raw, name, port, true);
        SSLParameters params = ssl.getSSLParameters();
        if (verifying) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(name)) {
            params.setServerNames(List.of(new SNIHostName(name)));
        }
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(deadline.remainingMillis());
        ssl.startHandshake();
        return ssl;
    }

    static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static SSLContext context(TrustManager trust) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {trust}, null);
        return ctx;
    }

    private static X509TrustManager trustManager(Path caFile) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caFile == null) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            Collection<? extends Certificate> certs;
            try (InputStream in = Files.newInputStream(caFile)) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("no certificates in " + caFile);
            }
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            tmf.init(store);
        }
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }

    static final class Lazy {
        private final boolean verifying;
        private volatile TlsClient client;

        private Lazy(boolean verifying) {
            this.verifying = verifying;
        }

        TlsClient get() {
            TlsClient c = client;
            if (c == null) {
                synchronized (this) {
                    if (client == null) {
                        try {
                            client = verifying ? TlsClient.verifying(null) : TlsClient.permissive(null);
                        } catch (IOException | GeneralSecurityException e) {
                            throw new IllegalStateException("cannot load the JDK trust store: " + e.getMessage(), e);
                        }
                    }
                    c = client;
                }
            }
            return c;
        }
    }

    /** Accepts every chain: only for handshakes whose certificate is verified separately. */
    private static final class AcceptAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
