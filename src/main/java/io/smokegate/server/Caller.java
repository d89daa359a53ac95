package io.smokegate.server;

import io.smokegate.config.Scope;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Who made a request: the name and scopes of the bearer token presented, or {@value #ANONYMOUS} (with scope
 * {@code read} when anonymous reads are allowed, none otherwise). {@link BearerAuth} puts it on every request;
 * routes read it with {@link #of} and hand {@link #name()} to the services that record who asked.
 */
public record Caller(String name, Set<Scope> scopes) {

    /** The name of callers without a (valid) token; no token may be named so. */
    public static final String ANONYMOUS = "anonymous";

    private static final String KEY = Caller.class.getName();

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    /** The caller of this request; anonymous without scopes if nobody identified it. */
    public static Caller of(RoutingContext ctx) {
        Caller caller = ctx.get(KEY);
        return caller == null ? new Caller(ANONYMOUS, Set.of()) : caller;
    }

    void attach(RoutingContext ctx) {
        ctx.put(KEY, this);
    }

    /** True when the request carried a valid token. */
    public boolean authenticated() {
        return !ANONYMOUS.equals(name);
    }

    /** Whether one of the caller's scopes grants {@code needed} ({@code admin} grants every scope). */
    public boolean may(Scope needed) {
        return scopes.stream().anyMatch(s -> s.grants(needed));
    }
}
