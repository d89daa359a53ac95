package io.smokegate.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A named bearer token and its scopes. The secret never appears in {@link #toString()}, so configs and
 * tokens can be logged.
 *
 * @param name   what audit records and 403 messages call the token ({@code [a-z0-9-]+})
 * @param scopes at least one
 * @param secret the value a client sends as {@code Authorization: Bearer <secret>}
 */
public record ApiToken(String name, Set<Scope> scopes, String secret) {

    /** The name of the one token of the simple setup ({@code SMOKEGATE_API_TOKEN} or {@code api.tokenFile}). */
    public static final String DEFAULT_NAME = "default";

    public ApiToken {
        if (scopes.isEmpty() || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a token needs a secret and at least one scope");
        }
        scopes = Collections.unmodifiableSet(EnumSet.copyOf(scopes));
    }

    /** The token of the simple setup: every scope. */
    public static ApiToken withEveryScope(String secret) {
        return new ApiToken(DEFAULT_NAME, Set.of(Scope.ADMIN), secret);
    }

    @Override
    public String toString() {
        return name + scopes.stream().map(Scope::label).collect(Collectors.joining(",", "(", ")"));
    }
}
