package io.smokegate.config;

import java.util.List;

/**
 * Who may use the API: the configured tokens, and whether reads ({@code GET} under {@code /api/v1}) need one.
 * Without tokens only {@code /healthz}, {@code /readyz}, {@code /metrics} and the OpenAPI document are served
 * (and reads, if {@code anonymousRead}).
 */
public record AuthConfig(List<ApiToken> tokens, boolean anonymousRead) {

    /** No token, reads refused: what a new installation starts with. */
    public static final AuthConfig NONE = new AuthConfig(List.of(), false);

    public AuthConfig {
        tokens = List.copyOf(tokens);
    }

    /** The simple setup: one token with every scope, named {@value ApiToken#DEFAULT_NAME}; none when null. */
    public static AuthConfig singleToken(String secret) {
        return secret == null ? NONE : new AuthConfig(List.of(ApiToken.withEveryScope(secret)), false);
    }

    public AuthConfig withAnonymousRead(boolean allowed) {
        return new AuthConfig(tokens, allowed);
    }

    public boolean hasTokens() {
        return !tokens.isEmpty();
    }
}
