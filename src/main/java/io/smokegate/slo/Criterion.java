package io.smokegate.slo;

import io.smokegate.input.Durations;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One criterion of an objective, Keptn's grammar: an operator ({@code <}, {@code <=}, {@code =}, {@code >=},
 * {@code >}) and a number. A leading sign or a trailing {@code %} makes it relative to the aggregate of earlier
 * results ({@code <=+10%}: at most 10 % above it; {@code <+50ms}: less than 50 ms above it); otherwise it is
 * a fixed threshold. A number may carry a duration unit (ms, s, m, h), converted to seconds, the base unit
 * of every duration SLI.
 */
public record Criterion(Operator operator, Kind kind, double amount, String text) {

    public enum Operator {
        LT("<"), LE("<="), EQ("="), GE(">="), GT(">");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean holds(double value, double target) {
            return switch (this) {
                case LT -> value < target;
                case LE -> value <= target;
                case EQ -> value == target;
                case GE -> value >= target;
                case GT -> value > target;
            };
        }
    }

    /** ABSOLUTE compares with {@code amount}; DELTA with baseline + amount; PERCENT with baseline × (100 + amount) / 100. */
    public enum Kind { ABSOLUTE, DELTA, PERCENT }

    public static final String SYNTAX = "write an operator (<, <=, =, >=, >) and a number, e.g. \"<= 0.5\", \"< 800ms\","
            + " or relative to earlier results: \"<= +10%\", \"< +50ms\"";

    private static final Pattern FORM = Pattern.compile(
            "(<=|>=|<|>|=)([+-]?)((?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)(ms|us|s|m|h)?(%)?");

    /** Parses one criterion; the message of the exception says what is wrong with it. */
    public static Criterion parse(String text) {
        String compact = text.replace(" ", "");
        if (compact.startsWith("==") || compact.startsWith("!=") || compact.startsWith("=<") || compact.startsWith("=>")) {
            throw new IllegalArgumentException("'" + text + "': unknown operator; operators are <, <=, =, >=, >");
        }
        Matcher m = FORM.matcher(compact);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a criterion; " + SYNTAX);
        }
        Operator operator = operator(m.group(1));
        String sign = m.group(2);
        double number = Double.parseDouble(m.group(3));
        String unit = m.group(4);
        boolean percent = m.group(5) != null;
        if (percent && unit != null) {
            throw new IllegalArgumentException("'" + text + "': a percentage has no unit");
        }
        if (unit != null) {
            number = Durations.parse("1" + unit).orElseThrow().toNanos() / 1e9 * number;
        }
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException("'" + text + "': the number is out of range");
        }
        double signed = sign.equals("-") ? -number : number;
        Kind kind = percent ? Kind.PERCENT : sign.isEmpty() ? Kind.ABSOLUTE : Kind.DELTA;
        return new Criterion(operator, kind, signed, text.trim());
    }

    public boolean relative() {
        return kind != Kind.ABSOLUTE;
    }

    /** The value the measurement is compared with; empty for a relative criterion without a baseline. */
    public Optional<Double> target(Optional<Double> baseline) {
        return switch (kind) {
            case ABSOLUTE -> Optional.of(amount);
            case DELTA -> baseline.map(b -> b + amount);
            case PERCENT -> baseline.map(b -> b * (100 + amount) / 100);
        };
    }

    /** Whether the value meets the criterion; a relative one holds when there is nothing to compare with. */
    public boolean holds(double value, Optional<Double> baseline) {
        return target(baseline).map(t -> operator.holds(value, t)).orElse(true);
    }

    private static Operator operator(String symbol) {
        for (Operator o : Operator.values()) {
            if (o.symbol.equals(symbol)) {
                return o;
            }
        }
        throw new IllegalArgumentException(symbol);
    }
}
