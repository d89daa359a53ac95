package io.smokegate.dashboards.promql;

/** One lexical unit of a PromQL expression; {@code text} is decoded for strings, verbatim otherwise. */
record Token(Kind kind, String text, int position) {

    enum Kind { IDENTIFIER, NUMBER, DURATION, STRING, OPERATOR, PUNCTUATION, END }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isPunctuation(String t) {
        return is(Kind.PUNCTUATION, t);
    }

    boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    String describe() {
        return kind == Kind.END ? "end of input" : kind.name().toLowerCase(java.util.Locale.ROOT) + " '" + text + "'";
    }
}
