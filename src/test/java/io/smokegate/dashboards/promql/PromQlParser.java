package io.smokegate.dashboards.promql;

import io.smokegate.dashboards.promql.Expr.Aggregation;
import io.smokegate.dashboards.promql.Expr.Binary;
import io.smokegate.dashboards.promql.Expr.Call;
import io.smokegate.dashboards.promql.Expr.MatchOp;
import io.smokegate.dashboards.promql.Expr.Matcher;
import io.smokegate.dashboards.promql.Expr.MatrixSelector;
import io.smokegate.dashboards.promql.Expr.NumberLiteral;
import io.smokegate.dashboards.promql.Expr.Paren;
import io.smokegate.dashboards.promql.Expr.StringLiteral;
import io.smokegate.dashboards.promql.Expr.Subquery;
import io.smokegate.dashboards.promql.Expr.Type;
import io.smokegate.dashboards.promql.Expr.Unary;
import io.smokegate.dashboards.promql.Expr.VectorMatching;
import io.smokegate.dashboards.promql.Expr.VectorSelector;
import io.smokegate.dashboards.promql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A recursive-descent parser for PromQL as Prometheus 2.42 reads it: selectors with matchers, range and
 * subquery brackets, {@code offset}, function calls with their argument types, aggregations with
 * {@code by}/{@code without} before or after the arguments, binary operators by precedence with
 * {@code bool}, {@code on}/{@code ignoring} and {@code group_left}/{@code group_right}, strings and numbers.
 * It refuses what Prometheus's parser and type check refuse for these constructs; {@code @} modifiers and
 * native-histogram details are not read.
 */
public final class PromQlParser {

    private static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "count", "min", "max", "group", "stddev",
            "stdvar", "topk", "bottomk", "quantile", "count_values");
    private static final Set<String> PARAMETERISED = Set.of("topk", "bottomk", "quantile", "count_values");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "offset", "and", "or", "unless", "atan2");
    /** Binary operators by precedence, loosest first; "^" binds tighter than unary minus and is handled apart. */
    private static final List<Set<String>> LEVELS = List.of(Set.of("or"), Set.of("and", "unless"),
            Set.of("==", "!=", "<=", "<", ">=", ">"), Set.of("+", "-"), Set.of("*", "/", "%", "atan2"));
    private static final Set<String> COMPARISONS = LEVELS.get(2);
    private static final Set<String> SET_OPERATORS = Set.of("and", "or", "unless");
    private static final Pattern LITERAL_BRACE = Pattern.compile("(?<!\\\\)\\{(?![0-9]+(?:,[0-9]*)?})");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Map<Character, Long> UNIT_MILLIS = Map.of('s', 1000L, 'm', 60_000L, 'h', 3_600_000L,
            'd', 86_400_000L, 'w', 604_800_000L, 'y', 31_536_000_000L);

    private final List<Token> tokens;
    private int next;

    private PromQlParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses a whole expression; anything left over is an error. */
    public static Expr parse(String expr) throws PromQlException {
        PromQlParser p = new PromQlParser(PromQlLexer.tokens(expr));
        Expr result = p.expression();
        if (p.peek().kind() != Kind.END) {
            throw p.unexpected("end of input");
        }
        return result;
    }

    /**
     * Parses the expression a text starts with and ignores what follows it, as Grafana's
     * {@code label_values(expr, label)} reads its first argument.
     */
    public static Expr parseLeading(String expr) throws PromQlException {
        return new PromQlParser(PromQlLexer.tokens(expr)).expression();
    }

    /** Milliseconds of a Prometheus duration such as {@code 5m}, {@code 1h30m} or {@code 8869990787ms}. */
    public static long durationMillis(String duration) {
        long total = 0;
        java.util.regex.Matcher m = Pattern.compile("([0-9]+)(ms|[smhdwy])").matcher(duration);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total += m.group(2).equals("ms") ? n : n * UNIT_MILLIS.get(m.group(2).charAt(0));
        }
        return total;
    }

    private Expr expression() throws PromQlException {
        return binary(0);
    }

    private Expr binary(int level) throws PromQlException {
        if (level == LEVELS.size()) {
            return unary();
        }
        Expr left = binary(level + 1);
        while (isOperatorOf(peek(), LEVELS.get(level))) {
            Token op = take();
            String symbol = op.text().toLowerCase(Locale.ROOT);
            boolean returnBool = false;
            if (peek().isKeyword("bool")) {
                if (!COMPARISONS.contains(symbol)) {
                    throw new PromQlException(peek().position(), "bool modifier can only be used on comparison operators");
                }
                take();
                returnBool = true;
            }
            VectorMatching matching = matching(symbol);
            Expr right = binary(level + 1);
            left = checked(op, new Binary(symbol, left, right, returnBool, matching));
        }
        return left;
    }

    private static boolean isOperatorOf(Token t, Set<String> operators) {
        return (t.kind() == Kind.OPERATOR || t.kind() == Kind.IDENTIFIER) && operators.contains(t.text().toLowerCase(Locale.ROOT));
    }

    private VectorMatching matching(String op) throws PromQlException {
        if (!peek().isKeyword("on") && !peek().isKeyword("ignoring")) {
            return VectorMatching.DEFAULT;
        }
        boolean ignoring = take().isKeyword("ignoring");
        List<String> labels = labelList();
        String group = null;
        List<String> include = List.of();
        if (peek().isKeyword("group_left") || peek().isKeyword("group_right")) {
            if (SET_OPERATORS.contains(op)) {
                throw new PromQlException(peek().position(), "no grouping allowed for \"" + op + "\" operation");
            }
            group = take().text().toLowerCase(Locale.ROOT);
            include = peek().isPunctuation("(") ? labelList() : List.of();
        }
        return new VectorMatching(ignoring, labels, group, include);
    }

    private static Expr checked(Token op, Binary b) throws PromQlException {
        for (Expr side : b.children()) {
            if (side.type() != Type.SCALAR && side.type() != Type.INSTANT_VECTOR) {
                throw new PromQlException(op.position(), "binary expression must contain only scalar and instant vector types");
            }
        }
        boolean bothScalar = b.type() == Type.SCALAR;
        if (bothScalar && COMPARISONS.contains(b.op()) && !b.returnBool()) {
            throw new PromQlException(op.position(), "comparisons between scalars must use BOOL modifier");
        }
        if (SET_OPERATORS.contains(b.op()) && (b.left().type() == Type.SCALAR || b.right().type() == Type.SCALAR)) {
            throw new PromQlException(op.position(), "set operator \"" + b.op() + "\" not allowed in binary scalar expression");
        }
        boolean matched = b.matching() != VectorMatching.DEFAULT;
        if (matched && (b.left().type() != Type.INSTANT_VECTOR || b.right().type() != Type.INSTANT_VECTOR)) {
            throw new PromQlException(op.position(), "vector matching only allowed between instant vectors");
        }
        return b;
    }

    private Expr unary() throws PromQlException {
        if (peek().is(Kind.OPERATOR, "-") || peek().is(Kind.OPERATOR, "+")) {
            Token op = take();
            Expr operand = unary();
            if (operand.type() != Type.SCALAR && operand.type() != Type.INSTANT_VECTOR) {
                throw new PromQlException(op.position(), "unary expression only allowed on expressions of type scalar or instant vector");
            }
            return new Unary(op.text(), operand);
        }
        return power();
    }

    private Expr power() throws PromQlException {
        Expr base = postfix(primary());
        if (peek().is(Kind.OPERATOR, "^")) {
            Token op = take();
            VectorMatching matching = matching("^");
            return checked(op, new Binary("^", base, unary(), false, matching));
        }
        return base;
    }

    private Expr postfix(Expr e) throws PromQlException {
        while (true) {
            if (peek().isPunctuation("[")) {
                e = bracket(e);
            } else if (peek().isKeyword("offset")) {
                Token at = take();
                if (!(e instanceof VectorSelector || e instanceof MatrixSelector || e instanceof Subquery)) {
                    throw new PromQlException(at.position(),
                            "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
                }
                expect(Kind.DURATION, "duration after offset");
            } else {
                return e;
            }
        }
    }

    private Expr bracket(Expr e) throws PromQlException {
        Token open = take();
        long range = durationMillis(expect(Kind.DURATION, "duration in brackets").text());
        if (peek().isPunctuation(":")) {
            take();
            if (peek().kind() == Kind.DURATION) {
                take();
            }
            expectPunctuation("]");
            if (e.type() != Type.INSTANT_VECTOR) {
                throw new PromQlException(open.position(), "subquery is only allowed on instant vector, got " + typeName(e.type()));
            }
            return new Subquery(e);
        }
        expectPunctuation("]");
        if (!(e instanceof VectorSelector selector)) {
            throw new PromQlException(open.position(), "ranges only allowed for vector selectors");
        }
        return new MatrixSelector(selector, range);
    }

    private Expr primary() throws PromQlException {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                take();
                return new NumberLiteral(number(t.text()));
            }
            case STRING -> {
                take();
                return new StringLiteral(t.text());
            }
            case PUNCTUATION -> {
                if (t.text().equals("(")) {
                    take();
                    Expr inner = expression();
                    expectPunctuation(")");
                    return new Paren(inner);
                }
                if (t.text().equals("{")) {
                    return selector(null);
                }
                throw unexpected("an expression");
            }
            case IDENTIFIER -> {
                return identifier();
            }
            default -> throw unexpected("an expression");
        }
    }

    private Expr identifier() throws PromQlException {
        Token t = take();
        String name = t.text();
        String lower = name.toLowerCase(Locale.ROOT);
        if (AGGREGATIONS.contains(lower) && (peek().isPunctuation("(") || peek().isKeyword("by") || peek().isKeyword("without"))) {
            return aggregation(t, lower);
        }
        if (peek().isPunctuation("(")) {
            return call(t);
        }
        if (lower.equals("inf") || lower.equals("nan")) {
            return new NumberLiteral(lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN);
        }
        if (KEYWORDS.contains(lower)) {
            throw new PromQlException(t.position(), "unexpected keyword '" + name + "'");
        }
        return selector(name);
    }

    private Expr aggregation(Token opToken, String op) throws PromQlException {
        Grouping grouping = grouping();
        expectPunctuation("(");
        Expr param = null;
        if (PARAMETERISED.contains(op)) {
            param = expression();
            expectPunctuation(",");
            Type wanted = op.equals("count_values") ? Type.STRING : Type.SCALAR;
            if (param.type() != wanted) {
                throw new PromQlException(opToken.position(),
                        "expected type " + typeName(wanted) + " in aggregation parameter, got " + typeName(param.type()));
            }
        }
        Expr body = expression();
        expectPunctuation(")");
        if (grouping == null) {
            grouping = grouping();
        }
        if (body.type() != Type.INSTANT_VECTOR) {
            throw new PromQlException(opToken.position(),
                    "expected type instant vector in aggregation expression, got " + typeName(body.type()));
        }
        return grouping == null ? new Aggregation(op, false, List.of(), param, body)
                : new Aggregation(op, grouping.without(), grouping.labels(), param, body);
    }

    private record Grouping(boolean without, List<String> labels) {
    }

    private Grouping grouping() throws PromQlException {
        if (peek().isKeyword("by") || peek().isKeyword("without")) {
            boolean without = take().isKeyword("without");
            return new Grouping(without, labelList());
        }
        return null;
    }

    private Expr call(Token nameToken) throws PromQlException {
        Functions.Signature sig = Functions.signature(nameToken.text());
        if (sig == null) {
            throw new PromQlException(nameToken.position(), "unknown function with name \"" + nameToken.text() + "\"");
        }
        take();
        List<Expr> args = new ArrayList<>();
        while (!peek().isPunctuation(")")) {
            args.add(expression());
            if (!peek().isPunctuation(")")) {
                expectPunctuation(",");
            }
        }
        take();
        checkArguments(nameToken, sig, args);
        return new Call(nameToken.text(), List.copyOf(args), sig.returns());
    }

    private static void checkArguments(Token name, Functions.Signature sig, List<Expr> args) throws PromQlException {
        int declared = sig.args().size();
        int min = sig.optional() < 0 ? declared : declared - sig.optional();
        int max = sig.optional() < 0 ? Integer.MAX_VALUE : declared;
        if (args.size() < min || args.size() > max) {
            throw new PromQlException(name.position(), "wrong number of arguments in call to \"" + name.text() + "\": " + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            Type wanted = sig.args().get(Math.min(i, declared - 1));
            if (args.get(i).type() != wanted) {
                throw new PromQlException(name.position(), "expected type " + typeName(wanted) + " in call to function \""
                        + name.text() + "\", got " + typeName(args.get(i).type()));
            }
        }
    }

    private Expr selector(String name) throws PromQlException {
        List<Matcher> matchers = new ArrayList<>();
        int at = peek().position();
        if (peek().isPunctuation("{")) {
            take();
            while (!peek().isPunctuation("}")) {
                matchers.add(matcher());
                if (!peek().isPunctuation("}")) {
                    expectPunctuation(",");
                }
            }
            take();
        }
        boolean anyNonEmpty = name != null || matchers.stream().anyMatch(m -> !matchesEmpty(m));
        if (!anyNonEmpty) {
            throw new PromQlException(at, "vector selector must contain at least one non-empty matcher");
        }
        return new VectorSelector(name, List.copyOf(matchers));
    }

    private Matcher matcher() throws PromQlException {
        Token label = expect(Kind.IDENTIFIER, "label name");
        if (!LABEL_NAME.matcher(label.text()).matches()) {
            throw new PromQlException(label.position(), "invalid label name '" + label.text() + "'");
        }
        Token op = take();
        MatchOp matchOp = switch (op.kind() == Kind.OPERATOR ? op.text() : "") {
            case "=" -> MatchOp.EQUAL;
            case "!=" -> MatchOp.NOT_EQUAL;
            case "=~" -> MatchOp.REGEX;
            case "!~" -> MatchOp.NOT_REGEX;
            default -> throw new PromQlException(op.position(),
                    "unexpected " + op.describe() + " in label matching, expected one of \"=\", \"!=\", \"=~\" or \"!~\"");
        };
        Token value = expect(Kind.STRING, "string in label matching");
        if (matchOp == MatchOp.REGEX || matchOp == MatchOp.NOT_REGEX) {
            try {
                regex(value.text());
            } catch (PatternSyntaxException e) {
                throw new PromQlException(value.position(), "invalid regular expression '" + value.text() + "': " + e.getDescription());
            }
        }
        return new Matcher(label.text(), matchOp, value.text());
    }

    /**
     * A label regex as Go's RE2 reads it: a brace that does not open a repetition count is a literal there
     * (so {@code "${job}"} is valid), while Java would refuse it.
     */
    private static Pattern regex(String re2) {
        return Pattern.compile(LITERAL_BRACE.matcher(re2).replaceAll("\\\\{"));
    }

    private static boolean matchesEmpty(Matcher m) {
        return switch (m.op()) {
            case EQUAL -> m.value().isEmpty();
            case NOT_EQUAL -> !m.value().isEmpty();
            case REGEX -> regex(m.value()).matcher("").matches();
            case NOT_REGEX -> !regex(m.value()).matcher("").matches();
        };
    }

    private List<String> labelList() throws PromQlException {
        expectPunctuation("(");
        List<String> labels = new ArrayList<>();
        while (!peek().isPunctuation(")")) {
            Token label = expect(Kind.IDENTIFIER, "label name");
            if (!LABEL_NAME.matcher(label.text()).matches()) {
                throw new PromQlException(label.position(), "invalid label name '" + label.text() + "'");
            }
            labels.add(label.text());
            if (!peek().isPunctuation(")")) {
                expectPunctuation(",");
            }
        }
        take();
        return List.copyOf(labels);
    }

    private static double number(String text) {
        return text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16) : Double.parseDouble(text);
    }

    private static String typeName(Type type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.END) {
            next++;
        }
        return t;
    }

    private Token expect(Kind kind, String what) throws PromQlException {
        if (peek().kind() != kind) {
            throw unexpected(what);
        }
        return take();
    }

    private void expectPunctuation(String p) throws PromQlException {
        if (!peek().isPunctuation(p)) {
            throw unexpected("'" + p + "'");
        }
        take();
    }

    private PromQlException unexpected(String expected) {
        return new PromQlException(peek().position(), "unexpected " + peek().describe() + ", expected " + expected);
    }
}
