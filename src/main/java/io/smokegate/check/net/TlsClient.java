package io.smokegate.check.net;

import io.smokegate.check.Deadline;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import javax.net.ssl.SSLEngine;

/**
 * TLS handshakes for probes. A verifying client checks the chain against the JDK's trust store (or given
 * CA certificates) and the host name as HTTPS does; a permissive one completes any handshake so the
 * certificate can be inspected (the tls check then verifies it itself and reports each problem). Either may
 * present a client certificate (see {@link TlsOptions}).
 */
public final class TlsClient {

    /** The shared client that verifies against the JDK's trust store. */
    public static TlsClient defaultVerifying() {
        return DEFAULT_VERIFYING.get();
    }

    /** Clients with the JDK trust store, shared because loading it costs milliseconds per check. */
    static final Lazy DEFAULT_VERIFYING = new Lazy(true);
    static final Lazy DEFAULT_PERMISSIVE = new Lazy(false);

    /** Sockets whose server asked for a client certificate, with the one offered (empty: none). */
    private static final Map<Socket, Optional<X509Certificate>> ASKED = Collections.synchronizedMap(new WeakHashMap<>());

    private final SSLContext context;
    private final X509TrustManager trust;
    private final boolean verifying;

    private TlsClient(SSLContext context, X509TrustManager trust, boolean verifying) {
        this.context = context;
        this.trust = trust;
        this.verifying = verifying;
    }

    /**
     * A client trusting {@code trust}, verifying the server unless {@code verifying} is false, and presenting
     * {@code certificate} to a server that asks for one (mutual TLS); {@code certificate} may be null.
     */
    public static TlsClient of(X509TrustManager trust, boolean verifying, ClientCertificate certificate)
            throws GeneralSecurityException {
        return new TlsClient(context(new ClientKeys(certificate), verifying ? trust : new AcceptAll()), trust, verifying);
    }

    /** A client certificate chain (leaf first) and its private key. */
    public record ClientCertificate(List<X509Certificate> chain, PrivateKey key) {
        public ClientCertificate {
            chain = List.copyOf(chain);
        }
    }

    /**
     * {@code error}, or what it most likely means when the server closed the connection after asking for a client
     * certificate: it did not accept the one offered, or wanted one. A TLS 1.3 server judges the certificate after
     * the client finished its part of the handshake; some then send an alert, some just close the connection.
     */
    static IOException explainClosed(Socket socket, IOException error) {
        Optional<X509Certificate> offered = ASKED.get(socket);
        if (offered == null || !(error instanceof EOFException || error instanceof SocketException)) {
            return error;
        }
        return new SSLHandshakeException(offered.isEmpty() ? NetFailures.NO_CLIENT_CERTIFICATE
                : "the server rejected the client certificate (" + offered.get().getSubjectX500Principal().getName()
                        + ": it closed the connection)");
    }

    /** A trust manager for exactly {@code cas}, plus the JDK's trust store when {@code withJdkRoots}. */
    public static X509TrustManager trustManager(Collection<? extends Certificate> cas, boolean withJdkRoots)
            throws GeneralSecurityException {
        List<Certificate> all = new ArrayList<>(cas);
        if (withJdkRoots) {
            all.addAll(List.of(defaultVerifying().trust().getAcceptedIssuers()));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : all) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            tmf.init(store);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot make a trust store: " + e.getMessage(), e);
        }
        return x509(tmf);
    }

    public X509TrustManager trust() {
        return trust;
    }

    /** Handshakes over {@code raw}; {@code serverName} is sent as SNI and, when verifying, checked against the certificate. */
    public SSLSocket handshake(Socket raw, String serverName, int port, Deadline deadline) throws IOException {
        return handshake(raw, serverName, port, List.of(), deadline);
    }

    /** {@link #handshake(Socket, String, int, Deadline)} offering {@code alpn} (e.g. h2, http/1.1) when not empty. */
    public SSLSocket handshake(Socket raw, String serverName, int port, List<String> alpn, Deadline deadline)
            throws IOException {
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
        if (!alpn.isEmpty()) {
            params.setApplicationProtocols(alpn.toArray(new String[0]));
        }
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(deadline.remainingMillis());
        try {
            ssl.startHandshake();
        } catch (IOException e) {
            throw explainClosed(ssl, e);
        }
        return ssl;
    }

    static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static SSLContext context(X509KeyManager keys, TrustManager trust) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[] {keys}, new TrustManager[] {trust}, null);
        return ctx;
    }

    private static X509TrustManager jdkTrust() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        return x509(tmf);
    }

    private static X509TrustManager x509(TrustManagerFactory tmf) throws GeneralSecurityException {
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
                            client = TlsClient.of(jdkTrust(), verifying, null);
                        } catch (GeneralSecurityException e) {
                            throw new IllegalStateException("cannot load the JDK trust store: " + e.getMessage(), e);
                        }
                    }
                    c = client;
                }
            }
            return c;
        }
    }

    /**
     * Presents the one configured certificate (if any) whenever a server asks for a client certificate of its key
     * type, whatever issuers the server names (as Go's and curl's clients do: the server says itself whether it
     * accepts it), and notes on the handshake's session that the server asked.
     */
    private static final class ClientKeys extends X509ExtendedKeyManager {
        private static final String ALIAS = "client";
        private final ClientCertificate certificate;

        ClientKeys(ClientCertificate certificate) {
            this.certificate = certificate;
        }

        private String alias(String[] keyTypes) {
            return certificate != null && keyTypes != null
                    && List.of(keyTypes).contains(certificate.key().getAlgorithm()) ? ALIAS : null;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            String alias = alias(keyTypes);
            if (socket != null) {
                ASKED.put(socket, Optional.ofNullable(alias == null ? null : certificate.chain().get(0)));
            }
            return alias;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return alias(keyTypes);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return certificate != null && certificate.key().getAlgorithm().equals(keyType) ? new String[] {ALIAS} : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return certificate != null && ALIAS.equals(alias) ? certificate.chain().toArray(new X509Certificate[0]) : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return certificate != null && ALIAS.equals(alias) ? certificate.key() : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
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
