package io.smokegate.check.net;

import static io.smokegate.check.ParamKind.VALUE_MAP;

import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import io.smokegate.input.Suggestions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.X509TrustManager;

/**
 * The shared {@code tls} parameter of every check that makes TLS or HTTPS connections, whatever its family
 * (http, tls, goproxy, sumdb; later the cluster checks' own endpoints):
 * {@code {caFile, certFile, keyFile, serverName, insecureSkipVerify}}, read and validated when the checklist is
 * loaded into the {@link TlsClient} the check's probes use, and read again when one of the files changes. A
 * family declares {@link #PARAM} (or {@link ClientOptions#PARAMS}, which adds the proxy settings) and reads it
 * with {@link #param}, so the setting means and reports the same everywhere; the other shared validators are
 * in {@link io.smokegate.check.ParamValidators}.
 *
 * <p>{@code caFile}, {@code certFile} and {@code keyFile} each take a file name or the PEM text itself: a value
 * that starts with {@code -----BEGIN } (after blanks) is PEM text — so a secret can be passed as
 * {@code keyFile: ${env:CLIENT_KEY}} — anything else is a file name. Problems never quote a key, nor the value
 * given for {@code keyFile}.
 */
public final class TlsOptions {

    public static final String NAME = "tls";
    public static final Param PARAM = Param.optional(NAME, VALUE_MAP, null,
            "TLS settings {caFile, certFile, keyFile, serverName, insecureSkipVerify}; the files may be given as "
                    + "PEM text (a value starting with -----BEGIN), e.g. keyFile: ${env:CLIENT_KEY}");

    private static final List<String> KEYS = List.of("caFile", "certFile", "keyFile", "serverName", "insecureSkipVerify");
    /** Larger files are not certificates or keys; refusing them keeps a wrong path from reading a disk image. */
    private static final long MAX_PEM_BYTES = 1024 * 1024;

    /**
     * Where the options apply. A check that reaches one target (http) trusts only {@code caFile} when it is given,
     * as blackbox_exporter does; a check that also reaches public servers (a Go proxy check asking
     * sum.golang.org) trusts {@code caFile} in addition to the JDK's roots and cannot pin one {@code serverName}.
     */
    public enum Scope {
        ONE_TARGET, MANY_TARGETS
    }

    private final Setting ca;
    private final Setting cert;
    private final Setting key;
    private final Scope scope;
    private final String serverName;
    private final boolean insecureSkipVerify;
    private volatile Loaded loaded;

    /** The client made from the files (null: the JDK's shared one), and the files as they were when read. */
    private record Loaded(TlsClient client, X509Certificate clientCertificate, List<Stamp> files) {
        boolean changed() {
            return files.stream().anyMatch(Stamp::changed);
        }
    }

    /** A file's modification time and size: when either changes, the file is read again. */
    private record Stamp(Path file, long modified, long size) {
        /** The stamp of the file a setting names; none for a name that is no path (reading it fails anyway). */
        static Optional<Stamp> of(String name) {
            try {
                return Optional.of(of(Path.of(name)));
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }

        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(file, attributes.lastModifiedTime().toMillis(), attributes.size());
            } catch (IOException gone) {
                return new Stamp(file, -1, -1);
            }
        }

        boolean changed() {
            return !equals(of(file));
        }
    }

    private TlsOptions(Setting ca, Setting cert, Setting key, Scope scope, String serverName, boolean insecureSkipVerify) {
        this.ca = ca;
        this.cert = cert;
        this.key = key;
        this.scope = scope;
        this.serverName = serverName;
        this.insecureSkipVerify = insecureSkipVerify;
    }

    /** The JDK's trust store, verifying, no client certificate: what a check without {@code tls} uses. */
    public static TlsOptions defaults() {
        try {
            return parse(Map.of(), Map.of(), Scope.ONE_TARGET);
        } catch (InvalidParamException e) {
            throw new IllegalStateException("no settings cannot be invalid", e);
        }
    }

    /** The {@code tls} parameter of {@code p}. */
    public static TlsOptions param(Params p, Scope scope) throws InvalidParamException {
        return parse(p.valueMap(NAME), Map.of(), scope);
    }

    /**
     * The {@code tls} parameter together with parameters of the same names given on their own ({@code caFile},
     * {@code serverName}, {@code insecureSkipVerify} of the http check, which predate {@code tls}); a problem with one
     * of those is reported at it. Giving one both ways is refused.
     */
    static TlsOptions param(Params p, Scope scope, List<String> topLevel) throws InvalidParamException {
        Map<String, Object> own = new LinkedHashMap<>();
        for (String name : topLevel) {
            Object value = p.asMap().get(name);
            boolean given = value != null && !Boolean.FALSE.equals(value);
            if (given && p.valueMap(NAME).get(name) != null) {
                throw new InvalidParamException(name, name + " is given twice: on its own and in tls",
                        "keep one, e.g. tls: {" + name + ": …}");
            }
            if (given) {
                own.put(name, value);
            }
        }
        return parse(p.valueMap(NAME), own, scope);
    }

    /**
     * A client that completes any handshake, trusting the {@code caFile} parameter's certificates (or the JDK's) for
     * the tls check, which verifies the chain itself to report each problem.
     */
    static TlsClient inspecting(Params p) throws InvalidParamException {
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("insecureSkipVerify", true);
        if (p.has("caFile")) {
            own.put("caFile", p.string("caFile"));
        }
        try {
            return parse(Map.of(), own, Scope.ONE_TARGET).client();
        } catch (ExplainedFailure changedWhileLoading) {
            throw new InvalidParamException("caFile", changedWhileLoading.getMessage());
        }
    }

    private static TlsOptions parse(Map<String, Object> tls, Map<String, Object> own, Scope scope)
            throws InvalidParamException {
        for (String key : tls.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidParamException(NAME, "unknown setting '" + key + "'", Suggestions.hint(key, KEYS));
            }
        }
        Setting ca = setting(tls, own, "caFile");
        Setting cert = setting(tls, own, "certFile");
        Setting key = setting(tls, own, "keyFile");
        Setting name = setting(tls, own, "serverName");
        Setting insecure = setting(tls, own, "insecureSkipVerify");
        boolean skipVerify = insecure.bool();
        if (cert.given() != key.given()) {
            Setting missing = cert.given() ? key : cert;
            throw missing.problem("missing: certFile and keyFile go together (the client certificate and its key)", null);
        }
        if (name.given() && scope == Scope.MANY_TARGETS) {
            throw name.problem("not supported here: this check reaches several servers, each verified by its own name", null);
        }
        if (name.given() && name.text().isBlank()) {
            throw name.problem("is empty", null);
        }
        TlsOptions options = new TlsOptions(ca, cert, key, scope, name.given() ? name.text() : null, skipVerify);
        options.loaded = options.load();
        return options;
    }

    /** Reads the files (or PEM texts) into a client; the files' stamps are taken first, so a later change is seen. */
    private Loaded load() throws InvalidParamException {
        if (!ca.given() && !cert.given()) {
            // The shared client, got when the first https request needs it: plain http never loads a trust store.
            return new Loaded(null, null, List.of());
        }
        List<Stamp> files = Stream.of(ca, cert, key).filter(s -> s.given() && !Pem.isPemText(s.text()))
                .flatMap(s -> Stamp.of(s.text()).stream()).toList();
        try {
            X509TrustManager trust = ca.given()
                    ? TlsClient.trustManager(caCertificates(ca), scope == Scope.MANY_TARGETS)
                    : TlsClient.defaultVerifying().trust();
            TlsClient.ClientCertificate certificate = cert.given() ? clientCertificate(cert, key) : null;
            return new Loaded(TlsClient.of(trust, !insecureSkipVerify, certificate),
                    certificate == null ? null : certificate.chain().get(0), files);
        } catch (GeneralSecurityException e) {
            throw new InvalidParamException(NAME, "cannot set up TLS: " + e.getMessage());
        }
    }

    /**
     * The client for the next probe. Files are read again when they changed since they were read (a renewed
     * client certificate is used without reloading the checklist); a file that no longer loads fails the probe.
     */
    public TlsClient client() throws ExplainedFailure {
        TlsClient client = current().client();
        if (client != null) {
            return client;
        }
        return insecureSkipVerify ? TlsClient.DEFAULT_PERMISSIVE.get() : TlsClient.DEFAULT_VERIFYING.get();
    }

    private Loaded current() throws ExplainedFailure {
        Loaded now = loaded;
        if (!now.changed()) {
            return now;
        }
        synchronized (this) {
            if (loaded.changed()) {
                try {
                    loaded = load();
                } catch (InvalidParamException e) {
                    throw new ExplainedFailure(e.param() + ": " + e.getMessage() + " (it changed since it was loaded)");
                }
            }
            return loaded;
        }
    }

    /** The name sent as SNI and verified instead of the URL's host; null for the host. */
    public String serverName() {
        return serverName;
    }

    public boolean insecureSkipVerify() {
        return insecureSkipVerify;
    }

    /** The leaf of the client certificate presented to servers that ask for one; null when none is configured. */
    public X509Certificate clientCertificate() {
        return loaded.clientCertificate();
    }

    /** One setting: its value and where a problem with it is reported (the own parameter, or {@code tls}). */
    private record Setting(String key, Object value, boolean own) {

        boolean given() {
            return value != null;
        }

        String text() {
            return (String) value;
        }

        boolean bool() {
            return Boolean.TRUE.equals(value);
        }

        InvalidParamException problem(String message, String hint) {
            return own ? new InvalidParamException(key, message, hint)
                    : new InvalidParamException(NAME, key + " " + message, hint);
        }
    }

    private static Setting setting(Map<String, Object> tls, Map<String, Object> own, String key)
            throws InvalidParamException {
        boolean isOwn = own.containsKey(key);
        Setting s = new Setting(key, isOwn ? own.get(key) : tls.get(key), isOwn);
        boolean flag = key.equals("insecureSkipVerify");
        if (s.given() && flag && !(s.value() instanceof Boolean)) {
            throw s.problem("must be true or false", null);
        }
        if (s.given() && !flag && !(s.value() instanceof String)) {
            throw s.problem("must be a string: a file name or PEM text", null);
        }
        return s;
    }

    private static List<X509Certificate> caCertificates(Setting ca) throws InvalidParamException {
        String text = read(ca, "CA certificates");
        List<X509Certificate> cas;
        try {
            cas = text.isBlank() ? List.of() : Pem.certificates(text);
        } catch (Pem.PemException e) {
            throw loadProblem(ca, "CA certificates", e.getMessage(), e.hint());
        }
        if (cas.isEmpty()) {
            throw loadProblem(ca, "CA certificates", "no certificates in " + where(ca), null);
        }
        return cas;
    }

    private static TlsClient.ClientCertificate clientCertificate(Setting cert, Setting key) throws InvalidParamException {
        List<X509Certificate> chain;
        try {
            chain = Pem.certificates(read(cert, "the client certificate"));
        } catch (Pem.PemException e) {
            throw loadProblem(cert, "the client certificate", e.getMessage(), e.hint());
        }
        PrivateKey privateKey;
        try {
            privateKey = Pem.privateKey(read(key, "the private key"), chain.get(0).getPublicKey());
        } catch (Pem.PemException e) {
            throw loadProblem(key, "the private key", e.getMessage(), e.hint());
        }
        if (!Pem.matches(privateKey, chain.get(0))) {
            throw key.problem("does not hold the private key of the certificate in certFile ("
                    + chain.get(0).getSubjectX500Principal().getName() + ")", "give the key the certificate was issued for");
        }
        return new TlsClient.ClientCertificate(chain, privateKey);
    }

    /** The PEM text of a setting: the value itself, or the file it names. */
    private static String read(Setting s, String what) throws InvalidParamException {
        if (Pem.isPemText(s.text())) {
            return s.text();
        }
        if (s.text().isBlank() || s.text().indexOf('\n') >= 0 || s.text().indexOf('\0') >= 0) {
            throw loadProblem(s, what, "the value is neither PEM text (starting with -----BEGIN) nor a file name", null);
        }
        try {
            Path file = Path.of(s.text());
            if (Files.size(file) > MAX_PEM_BYTES) {
                throw loadProblem(s, what, "larger than 1MiB, not a PEM file", null);
            }
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException | InvalidPathException e) {
            throw loadProblem(s, what, "no such file", null);
        } catch (AccessDeniedException e) {
            throw loadProblem(s, what, "permission denied", null);
        } catch (IOException e) {
            throw loadProblem(s, what, "cannot read it (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** "cannot load the client certificate from /etc/probe/client.pem: no such file"; the key's file is not named. */
    private static InvalidParamException loadProblem(Setting s, String what, String reason, String hint) {
        String message = "cannot load " + what + (s.key().equals("keyFile") ? "" : " from " + where(s)) + ": " + reason;
        return s.own() ? new InvalidParamException(s.key(), message, hint)
                : new InvalidParamException(NAME, s.key() + ": " + message, hint);
    }

    private static String where(Setting s) {
        return Pem.isPemText(s.text()) ? "the PEM text" : s.text();
    }
}
