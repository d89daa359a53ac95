package io.smokegate.dashboards.promql;

import io.smokegate.dashboards.promql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a PromQL expression into tokens, as Prometheus 2.x's lexer does for the constructs dashboards use. */
final class PromQlLexer {

    private static final Pattern DURATION = Pattern.compile("(?:[0-9]+(?:ms|[smhdwy]))+");
    private static final Pattern NUMBER = Pattern.compile("0[xX][0-9a-fA-F]+|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    // Longest first, so "=~" is not read as "=" then "~".
    private static final List<String> OPERATORS = List.of("==", "!=", "=~", "!~", ">=", "<=", "=", ">", "<", "+", "-", "*", "/", "%", "^");
    private static final String PUNCTUATION = "(){}[],:@";

    private PromQlLexer() {
    }

    static List<Token> tokens(String expr) throws PromQlException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        // Inside brackets a colon separates a subquery's range from its step; elsewhere it may start a metric name.
        int brackets = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            brackets += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                int eol = expr.indexOf('\n', i);
                i = eol < 0 ? expr.length() : eol;
            } else if (c == '"' || c == '\'' || c == '`') {
                i = string(expr, i, out);
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < expr.length() && Character.isDigit(expr.charAt(i + 1)))) {
                i = number(expr, i, out);
            } else if (Character.isLetter(c) || c == '_' || (c == ':' && brackets == 0)) {
                i = add(out, Kind.IDENTIFIER, IDENTIFIER, expr, i);
            } else if (PUNCTUATION.indexOf(c) >= 0) {
                out.add(new Token(Kind.PUNCTUATION, String.valueOf(c), i++));
            } else {
                i = operator(expr, i, out);
            }
        }
        out.add(new Token(Kind.END, "", expr.length()));
        return out;
    }

    private static int number(String expr, int start, List<Token> out) throws PromQlException {
        Matcher duration = DURATION.matcher(expr).region(start, expr.length());
        if (duration.lookingAt() && !continuesIdentifier(expr, duration.end())) {
            out.add(new Token(Kind.DURATION, duration.group(), start));
            return duration.end();
        }
        int end = add(out, Kind.NUMBER, NUMBER, expr, start);
        if (continuesIdentifier(expr, end)) {
            throw new PromQlException(start, "bad number or duration syntax: '" + expr.substring(start, end + 1) + "'");
        }
        return end;
    }

    private static boolean continuesIdentifier(String expr, int at) {
        return at < expr.length() && (Character.isLetterOrDigit(expr.charAt(at)) || expr.charAt(at) == '_');
    }

    private static int add(List<Token> out, Kind kind, Pattern pattern, String expr, int start) {
        Matcher m = pattern.matcher(expr).region(start, expr.length());
        m.lookingAt();
        out.add(new Token(kind, m.group(), start));
        return m.end();
    }

    private static int operator(String expr, int start, List<Token> out) throws PromQlException {
        for (String op : OPERATORS) {
            if (expr.startsWith(op, start)) {
                out.add(new Token(Kind.OPERATOR, op, start));
                return start + op.length();
            }
        }
        throw new PromQlException(start, "unexpected character '" + expr.charAt(start) + "'");
    }

    private static int string(String expr, int start, List<Token> out) throws PromQlException {
        char quote = expr.charAt(start);
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == quote) {
                out.add(new Token(Kind.STRING, value.toString(), start));
                return i + 1;
            }
            if (c == '\\' && quote != '`') {
                if (i + 1 >= expr.length()) {
                    break;
                }
                value.append(unescape(expr.charAt(i + 1), i));
                i += 2;
            } else if (c == '\n' && quote != '`') {
                throw new PromQlException(i, "unterminated quoted string");
            } else {
                value.append(c);
                i++;
            }
        }
        throw new PromQlException(start, "unterminated quoted string");
    }

    private static char unescape(char c, int position) throws PromQlException {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '\\', '"', '\'' -> c;
            default -> throw new PromQlException(position, "unknown escape sequence '\\" + c + "'");
        };
    }
}
