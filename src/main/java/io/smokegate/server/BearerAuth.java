package io.smokegate.server;

import io.smokegate.config.ApiToken;
import io.smokegate.config.AuthConfig;
import io.smokegate.config.Scope;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Bearer tokens with scopes. As a handler of every request it identifies the {@link Caller} and never refuses,
 * so health, readiness, metrics and the OpenAPI document stay open whatever a client sends;
 * {@link #require(Scope)} guards a route: 401 without a valid token, 403 when the token lacks the scope.
 * A presented token is compared as a SHA-256 digest with {@link MessageDigest#isEqual} against every configured
 * token, without stopping at a match, so neither content, length nor position in the config leaks through timing.
 */
final class BearerAuth implements Handler<RoutingContext> {

    /** Why the Authorization header was not accepted, for {@link #require} to answer 401 with. */
    private static final String REFUSAL = BearerAuth.class.getName() + ".refusal";
    private static final String BASIC = "Basic ";
    private static final String CHALLENGE = "Bearer realm=\"smokegate\"";
    private static final String HOW_TO_ADD = "set SMOKEGATE_API_TOKEN (one token with every scope), or name tokens with "
            + "scopes under auth.tokens in the config file";

    private record Known(byte[] digest, Caller caller) {
    }

    private final List<Known> known = new ArrayList<>();
    private final Caller anonymous;

    BearerAuth(AuthConfig auth) {
        for (ApiToken t : auth.tokens()) {
            known.add(new Known(sha256(t.secret()), new Caller(t.name(), t.scopes())));
        }
        anonymous = new Caller(Caller.ANONYMOUS, auth.anonymousRead() ? Set.of(Scope.READ) : Set.of());
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String prefix = "Bearer ";
        Caller caller = anonymous;
        if (header != null && !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            ctx.put(REFUSAL, "missing bearer token (Authorization: Bearer <token>)");
        } else if (header != null) {
            Caller matched = match(header.substring(prefix.length()).trim());
            if (matched == null) {
                ctx.put(REFUSAL, "invalid bearer token");
            } else {
                caller = matched;
            }
        }
        caller.attach(ctx);
        ctx.next();
    }

    /** A handler that lets the request through only for a caller holding {@code needed}. */
    Handler<RoutingContext> require(Scope needed) {
        return require(needed, "missing bearer token (Authorization: Bearer <token>)");
    }

    /**
     * {@link #require}, also taking a token as the password of Basic credentials, for webhook senders that cannot
     * send headers: Go's HTTP client (Flagger's) sends a URL's userinfo {@code http://NAME:TOKEN@host/} as Basic
     * credentials. The user name is not checked: the token names the caller. Only the routes of such senders take
     * Basic credentials, so credentials a browser caches for one of them open nothing else.
     */
    Handler<RoutingContext> requireAllowingBasic(Scope needed) {
        Handler<RoutingContext> require = require(needed, "missing credentials (Authorization: Bearer <token>, or the"
                + " token as the password of the URL's userinfo: http://NAME:TOKEN@host/...)");
        return ctx -> {
            String header = ctx.request().getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
                String password = basicPassword(header.substring(BASIC.length()).trim());
                Caller matched = password == null ? null : match(password);
                if (matched == null) {
                    ctx.put(REFUSAL, password == null ? "malformed Basic credentials (base64 of NAME:TOKEN)"
                            : "invalid token as the password of the Basic credentials");
                } else {
                    ctx.remove(REFUSAL);
                    matched.attach(ctx);
                }
            }
            require.handle(ctx);
        };
    }

    /** The password of Basic credentials, or null when they are not base64 of {@code user:password}. */
    private static String basicPassword(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : decoded.substring(colon + 1);
    }

    private Handler<RoutingContext> require(Scope needed, String missing) {
        return ctx -> {
            Caller caller = Caller.of(ctx);
            String refusal = ctx.get(REFUSAL);
            if (refusal == null && caller.may(needed)) {
                ctx.next();
                return;
            }
            // HEAD is GET without the body: its refusal names GET, so both answers carry the same headers.
            HttpMethod method = ctx.request().method() == HttpMethod.HEAD ? HttpMethod.GET : ctx.request().method();
            String what = method + " " + ctx.currentRoute().getPath().replaceAll(":([A-Za-z]+)", "{$1}");
            if (known.isEmpty()) {
                Responses.error(ctx, 403, "forbidden", "no API token is configured, so " + what + " is refused: " + HOW_TO_ADD);
            } else if (refusal != null) {
                unauthorized(ctx, refusal);
            } else if (!caller.authenticated()) {
                unauthorized(ctx, missing + ": " + what
                        + " needs a token with scope '" + needed.label() + "'");
            } else {
                Responses.error(ctx, 403, "forbidden", "token '" + caller.name() + "' lacks scope '" + needed.label()
                        + "' needed for " + what);
            }
        };
    }

    /** What {@code serve} should warn about at start: the API closed to everyone, or open to everyone. */
    static List<String> startupWarnings(AuthConfig auth, String host) {
        List<String> out = new ArrayList<>();
        if (!auth.hasTokens()) {
            out.add("no API token is configured: the API serves only health, readiness and metrics"
                    + (auth.anonymousRead() ? " and, as auth.anonymousRead is true, reads under /api/v1" : "")
                    + " to anyone, and refuses everything else; to use it, " + HOW_TO_ADD);
        }
        if (auth.anonymousRead() && !loopback(host)) {
            out.add("auth.anonymousRead is true and the API listens on " + host + ", not only on loopback: run reports, "
                    + "checklists, gate verdicts and alerts are readable by anyone who can reach it; set auth.anonymousRead "
                    + "to false (or SMOKEGATE_ANONYMOUS_READ=false) and give readers a token with scope 'read'");
        }
        return out;
    }

    private Caller match(String presented) {
        byte[] digest = sha256(presented);
        Caller matched = null;
        for (Known k : known) {
            // Every token is compared, a match or not: how long this takes says nothing about which token matched.
            boolean equal = MessageDigest.isEqual(k.digest(), digest);
            matched = equal ? k.caller() : matched;
        }
        return matched;
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void unauthorized(RoutingContext ctx, String message) {
        ctx.response().putHeader("WWW-Authenticate", CHALLENGE);
        Responses.error(ctx, 401, "unauthorized", message);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
