package io.smokegate.dashboards.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/** A parsed PromQL expression: the node kinds of Prometheus's own AST that dashboards use. */
public sealed interface Expr {

    /** What a node evaluates to; Prometheus refuses arguments and operands of the wrong one. */
    enum Type { SCALAR, STRING, INSTANT_VECTOR, RANGE_VECTOR }

    Type type();

    List<Expr> children();

    /** Visits this node and every node below it, each with its ancestors from the root down. */
    default void walk(BiConsumer<Expr, List<Expr>> visitor) {
        walk(this, new ArrayList<>(), visitor);
    }

    private static void walk(Expr node, List<Expr> ancestors, BiConsumer<Expr, List<Expr>> visitor) {
        visitor.accept(node, List.copyOf(ancestors));
        ancestors.add(node);
        for (Expr child : node.children()) {
            walk(child, ancestors, visitor);
        }
        ancestors.remove(ancestors.size() - 1);
    }

    /** Every vector selector in the expression, ranged or not. */
    default List<VectorSelector> selectors() {
        List<VectorSelector> out = new ArrayList<>();
        walk((node, ancestors) -> {
            if (node instanceof VectorSelector s) {
                out.add(s);
            }
        });
        return out;
    }

    record NumberLiteral(double value) implements Expr {
        public Type type() {
            return Type.SCALAR;
        }

        public List<Expr> children() {
            return List.of();
        }
    }

    record StringLiteral(String value) implements Expr {
        public Type type() {
            return Type.STRING;
        }

        public List<Expr> children() {
            return List.of();
        }
    }

    enum MatchOp {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        MatchOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    record Matcher(String label, MatchOp op, String value) {
        @Override
        public String toString() {
            return label + op.symbol() + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }

    /** {@code name{matchers}}; {@code name} is null for a selector of matchers alone. */
    record VectorSelector(String name, List<Matcher> matchers) implements Expr {
        public Type type() {
            return Type.INSTANT_VECTOR;
        }

        public List<Expr> children() {
            return List.of();
        }

        @Override
        public String toString() {
            String body = matchers.stream().map(Matcher::toString).collect(Collectors.joining(", "));
            return (name == null ? "" : name) + (matchers.isEmpty() && name != null ? "" : "{" + body + "}");
        }
    }

    record MatrixSelector(VectorSelector selector, long rangeMillis) implements Expr {
        public Type type() {
            return Type.RANGE_VECTOR;
        }

        public List<Expr> children() {
            return List.of(selector);
        }
    }

    record Subquery(Expr expr) implements Expr {
        public Type type() {
            return Type.RANGE_VECTOR;
        }

        public List<Expr> children() {
            return List.of(expr);
        }
    }

    record Call(String function, List<Expr> args, Type type) implements Expr {
        public List<Expr> children() {
            return args;
        }
    }

    /** {@code by} lists the labels kept, {@code without} those dropped; neither keeps no label. */
    record Aggregation(String op, boolean without, List<String> grouping, Expr param, Expr expr) implements Expr {
        public Type type() {
            return Type.INSTANT_VECTOR;
        }

        public List<Expr> children() {
            return param == null ? List.of(expr) : List.of(param, expr);
        }
    }

    /** How the two sides of a binary operation between vectors are matched. */
    record VectorMatching(boolean ignoring, List<String> labels, String group, List<String> include) {
        static final VectorMatching DEFAULT = new VectorMatching(true, List.of(), null, List.of());
    }

    record Binary(String op, Expr left, Expr right, boolean returnBool, VectorMatching matching) implements Expr {
        public Type type() {
            return left.type() == Type.SCALAR && right.type() == Type.SCALAR ? Type.SCALAR : Type.INSTANT_VECTOR;
        }

        public List<Expr> children() {
            return List.of(left, right);
        }
    }

    record Unary(String op, Expr expr) implements Expr {
        public Type type() {
            return expr.type();
        }

        public List<Expr> children() {
            return List.of(expr);
        }
    }

    record Paren(Expr expr) implements Expr {
        public Type type() {
            return expr.type();
        }

        public List<Expr> children() {
            return List.of(expr);
        }
    }
}
