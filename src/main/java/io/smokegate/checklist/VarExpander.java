package io.smokegate.checklist;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Expands {@code ${name}} (a checklist var) and {@code ${env:NAME}} (an environment variable, always a
 * secret) in text; {@code $${} stays a literal {@code ${}. Every value taken from the environment is
 * remembered so it can be redacted wherever it might surface.
 */
final class VarExpander {

    /** Thrown with a message that names the offending reference; the loader adds the position. */
    static final class ExpansionException extends Exception {
        private final boolean alreadyReported;

        ExpansionException(String message) {
            this(message, false);
        }

        ExpansionException(String message, boolean alreadyReported) {
            super(message);
            this.alreadyReported = alreadyReported;
        }

        /** The reference is to a declared var whose own value is invalid; that problem was reported there. */
        boolean alreadyReported() {
            return alreadyReported;
        }
    }

    private final Map<String, String> vars;
    private final Set<String> invalidVars;
    private final Function<String, String> env;
    private final Set<String> secretValues;

    VarExpander(Map<String, String> vars, Function<String, String> env) {
        this(vars, Set.of(), env);
    }

    VarExpander(Map<String, String> vars, Set<String> invalidVars, Function<String, String> env) {
        this(vars, invalidVars, env, new HashSet<>());
    }

    /**
     * {@code invalidVars}: declared vars without a value because their declaration is wrong;
     * {@code secretValues}: where values taken from the environment are added (shared by the expanders of one
     * checklist, so its problems and results can be redacted of all of them).
     */
    VarExpander(Map<String, String> vars, Set<String> invalidVars, Function<String, String> env, Set<String> secretValues) {
        this.vars = vars;
        this.invalidVars = invalidVars;
        this.env = env;
        this.secretValues = secretValues;
    }

    /** Values that came from the environment, directly or through a var. */
    Set<String> secrets() {
        return secretValues;
    }

    String expand(String text) throws ExpansionException {
        return expand(text, true);
    }

    /** Expands only {@code ${env:...}}: vars may draw on the environment but not on each other. */
    String expandEnvOnly(String text) throws ExpansionException {
        return expand(text, false);
    }

    private String expand(String text, boolean allowVars) throws ExpansionException {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new ExpansionException("unterminated '${' (write $${ for a literal ${)");
                }
                out.append(resolve(text.substring(i + 2, close), allowVars));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String reference, boolean allowVars) throws ExpansionException {
        if (reference.startsWith("env:")) {
            String name = reference.substring(4);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ExpansionException("'" + name + "' is not an environment variable name");
            }
            String value = env.apply(name);
            if (value == null) {
                throw new ExpansionException("environment variable " + name + " is not set");
            }
            secretValues.add(value);
            return value;
        }
        if (!allowVars) {
            throw new ExpansionException("${" + reference + "}: vars may refer to ${env:NAME} only, not to other vars");
        }
        String value = vars.get(reference);
        if (value == null && invalidVars.contains(reference)) {
            throw new ExpansionException("var '" + reference + "' is invalid", true);
        }
        if (value == null) {
            throw new ExpansionException("undefined var '" + reference + "'"
                    + io.smokegate.input.Suggestions.nearest(reference, vars.keySet()).map(n -> ", did you mean '" + n + "'?")
                            .orElse(vars.isEmpty() ? " (spec.vars is empty)" : " (declared: " + String.join(", ", vars.keySet()) + ")"));
        }
        return value;
    }
}
