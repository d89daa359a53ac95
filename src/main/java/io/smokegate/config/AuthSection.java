package io.smokegate.config;

import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Position;
import io.smokegate.input.Problem;
import io.smokegate.input.Suggestions;
import io.smokegate.input.YamlReader;
import io.smokegate.input.YamlReader.Mapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code auth} section, and the one token of the simple setup ({@code api.tokenFile},
 * {@code SMOKEGATE_API_TOKEN}) as a token named {@value ApiToken#DEFAULT_NAME} with every scope:
 * <pre>
 * auth:
 *   anonymousRead: false
 *   tokens:
 *     - {name: ci, file: /run/secrets/ci-token, scopes: [read, run]}
 *     - {name: ops, env: SMOKEGATE_TOKEN_OPS, scopes: [admin]}
 * </pre>
 * Token values come from files or environment variables, never from the config file itself.
 */
final class AuthSection {

    static final Set<String> FIELDS = Set.of("anonymousRead", "tokens");
    private static final Set<String> TOKEN_FIELDS = Set.of("name", "file", "env", "scopes");
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,63}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** {@code default} is the simple setup's token; {@code anonymous} is what callers without a token are called. */
    private static final Set<String> RESERVED = Set.of(ApiToken.DEFAULT_NAME, "anonymous");

    private final YamlReader reader;
    private final Path file;
    private final Function<String, String> env;
    private final Map<String, Node> names = new HashMap<>();
    /** Secret to the name of the token that holds it, so a second token with the same value names the first. */
    private final Map<String, String> owners = new HashMap<>();

    private AuthSection(YamlReader reader, Path file, Function<String, String> env) {
        this.reader = reader;
        this.file = file;
        this.env = env;
    }

    /**
     * The tokens of {@code auth} (null when the file has no such section) and the simple setup's token read
     * from {@code legacyNode} ({@code api.tokenFile}; null when absent); problems go to the reader.
     */
    static AuthConfig read(YamlReader reader, Mapping auth, Path file, Function<String, String> env,
                           String legacySecret, Node legacyNode) {
        return new AuthSection(reader, file, env).read(auth, legacySecret, legacyNode);
    }

    private AuthConfig read(Mapping auth, String legacySecret, Node legacyNode) {
        List<ApiToken> tokens = new ArrayList<>();
        if (legacySecret != null) {
            owners.put(legacySecret, ApiToken.DEFAULT_NAME);
            tokens.add(ApiToken.withEveryScope(legacySecret));
        }
        boolean anonymousRead = false;
        if (auth != null) {
            if (auth.has("anonymousRead")) {
                Boolean b = reader.bool(auth.get("anonymousRead"), "auth.anonymousRead");
                anonymousRead = b != null && b;
            }
            List<Node> items = auth.has("tokens") ? reader.sequence(auth.get("tokens"), "auth.tokens") : null;
            for (int i = 0; items != null && i < items.size(); i++) {
                ApiToken token = token(items.get(i), "auth.tokens[" + i + "]");
                if (token != null) {
                    tokens.add(token);
                }
            }
        }
        return new AuthConfig(tokens, anonymousRead);
    }

    private ApiToken token(Node node, String field) {
        Mapping m = reader.mapping(node, field);
        if (m == null) {
            return null;
        }
        m.allowOnly(TOKEN_FIELDS);
        String name = name(m);
        Set<Scope> scopes = scopes(m);
        String source = m.has("file") ? "file" : "env";
        String secret = secret(m);
        if (name == null || scopes == null || secret == null) {
            return null;
        }
        String owner = owners.putIfAbsent(secret, name);
        if (owner != null) {
            reader.problem(m.get(source), m.path(source) + ": holds the same token as '" + owner + "'",
                    "every token needs a value of its own");
            return null;
        }
        return new ApiToken(name, scopes, secret);
    }

    private String name(Mapping m) {
        Node node = m.require("name");
        String name = node == null ? null : reader.string(node, m.path("name"));
        if (name == null) {
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            reader.problem(node, m.path("name") + ": '" + name + "' is not a token name",
                    "use lower-case letters, digits and '-', at most 63");
            return null;
        }
        if (RESERVED.contains(name)) {
            reader.problem(node, m.path("name") + ": '" + name + "' is reserved", ApiToken.DEFAULT_NAME.equals(name)
                    ? "it names the token from api.tokenFile or SMOKEGATE_API_TOKEN; choose another name"
                    : "it names callers without a token; choose another name");
            return null;
        }
        Node first = names.putIfAbsent(name, node);
        if (first != null) {
            reader.problem(node, m.path("name") + ": duplicate token name '" + name + "'",
                    "first used at line " + reader.position(first).line());
            return null;
        }
        return name;
    }

    private Set<Scope> scopes(Mapping m) {
        Node node = m.require("scopes");
        List<Node> items = node == null ? null : reader.sequence(node, m.path("scopes"));
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            reader.problem(node, m.path("scopes") + ": a token needs at least one scope",
                    "one or more of: " + String.join(", ", Scope.labels()));
            return null;
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String field = m.path("scopes") + "[" + i + "]";
            String label = reader.string(items.get(i), field);
            if (label == null) {
                ok = false;
                continue;
            }
            var scope = Scope.parse(label);
            if (scope.isEmpty()) {
                reader.problem(items.get(i), field + ": unknown scope '" + label + "'", Suggestions.hint(label, Scope.labels()));
                ok = false;
            } else {
                scopes.add(scope.get());
            }
        }
        return ok ? scopes : null;
    }

    private String secret(Mapping m) {
        if (m.has("file") == m.has("env")) {
            reader.problem(m.node(), m.field() + ": give exactly one of file and env",
                    "file: a file holding the token; env: an environment variable holding it");
            return null;
        }
        if (m.has("file")) {
            return ConfigLoader.secretFile(reader, m.get("file"), m.path("file"), file);
        }
        String variable = reader.string(m.get("env"), m.path("env"));
        if (variable == null) {
            return null;
        }
        if (!ENV_NAME.matcher(variable).matches()) {
            reader.problem(m.get("env"), m.path("env") + ": '" + variable + "' is not an environment variable name");
            return null;
        }
        String value = env.apply(variable);
        if (value == null || value.isBlank()) {
            reader.problem(m.get("env"), m.path("env") + ": " + variable + " is " + (value == null ? "not set" : "empty"));
            return null;
        }
        return value.strip();
    }

    /**
     * {@code SMOKEGATE_API_TOKEN} replaces the simple setup's token (or adds it); {@code SMOKEGATE_ANONYMOUS_READ}
     * replaces {@code auth.anonymousRead}.
     */
    static AuthConfig withEnvironment(AuthConfig config, Function<String, String> env) throws InvalidInputException {
        AuthConfig out = config;
        String token = env.apply("SMOKEGATE_API_TOKEN");
        if (token != null && !token.isBlank()) {
            Map<String, ApiToken> byName = new LinkedHashMap<>();
            byName.put(ApiToken.DEFAULT_NAME, ApiToken.withEveryScope(token.strip()));
            for (ApiToken t : config.tokens()) {
                if (t.secret().equals(token.strip()) && !t.name().equals(ApiToken.DEFAULT_NAME)) {
                    throw new InvalidInputException(Problem.at(Position.of("SMOKEGATE_API_TOKEN"),
                            "holds the same token as '" + t.name() + "'").withHint("every token needs a value of its own"));
                }
                byName.putIfAbsent(t.name(), t);
            }
            out = new AuthConfig(List.copyOf(byName.values()), config.anonymousRead());
        }
        String anonymousRead = env.apply("SMOKEGATE_ANONYMOUS_READ");
        if (anonymousRead != null && !anonymousRead.isBlank()) {
            String value = anonymousRead.strip().toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw new InvalidInputException(Problem.at(Position.of("SMOKEGATE_ANONYMOUS_READ"),
                        "'" + anonymousRead + "' is not true or false"));
            }
            out = out.withAnonymousRead(value.equals("true"));
        }
        return out;
    }
}
