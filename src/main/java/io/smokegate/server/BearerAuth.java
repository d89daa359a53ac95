package io.smokegate.server;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Guards mutating endpoints with a bearer token. Tokens are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, so neither content nor length leaks through timing.
 */
final class BearerAuth implements Handler<RoutingContext> {

    private final byte[] expected;

    BearerAuth(String token) {
        this.expected = token == null || token.isBlank() ? null : sha256(token);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (expected == null) {
            Responses.error(ctx, 403, "forbidden",
                    "mutating API calls are disabled: no API token is configured (set SMOKEGATE_API_TOKEN)");
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        String prefix = "Bearer ";
        if (header == null || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            unauthorized(ctx, "missing bearer token (Authorization: Bearer <token>)");
            return;
        }
        if (!MessageDigest.isEqual(expected, sha256(header.substring(prefix.length()).trim()))) {
            unauthorized(ctx, "invalid bearer token");
            return;
        }
        ctx.next();
    }

    private static void unauthorized(RoutingContext ctx, String message) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"smokegate\"");
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
