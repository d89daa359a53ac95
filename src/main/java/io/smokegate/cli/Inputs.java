package io.smokegate.cli;

import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Problem;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line input shared by commands: {@code --set} pairs and how problems are printed. */
final class Inputs {

    private Inputs() {
    }

    /** {@code key=value} pairs; the value may contain '='. */
    static Map<String, String> sets(List<String> pairs) throws InvalidInputException {
        Map<String, String> out = new LinkedHashMap<>();
        if (pairs == null) {
            return out;
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException(new Problem(io.smokegate.input.Position.of("--set " + pair),
                        "expected KEY=VALUE", "e.g. --set proxy=https://athens.internal"));
            }
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    static void print(InvalidInputException e, PrintStream err) {
        for (Problem p : e.problems()) {
            err.println("error: " + p.format());
        }
    }
}
