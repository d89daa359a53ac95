package io.smokegate.checklist;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.smokegate.check.CheckFamily;
import io.smokegate.check.CheckRegistry;
import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Loads checklist text the way the CLI does, with a fixed environment, and finds problems by position. */
final class Loading {

    /** The environment every test sees. PIN is shorter than the shortest secret worth masking. */
    static final Map<String, String> ENV = Map.of(
            "TOKEN", "s3cr3t-token-value",
            "API_KEY", "key-1234567",
            "PROXY_HOST", "proxy.internal",
            "PIN", "123");

    /** Five lines; the first check of {@link #withChecks} starts on line 6. */
    static final String HEADER = """
            apiVersion: smokegate.io/v1
            kind: Checklist
            metadata: {name: demo}
            spec:
              checks:
            """;

    private Loading() {
    }

    static ChecklistLoader standardLoader() {
        return new ChecklistLoader(CheckRegistry.standard(), ENV::get);
    }

    /** The standard check types plus {@code echo}, which keeps the values it was given. */
    static ChecklistLoader echoLoader() {
        List<CheckFamily> families = new ArrayList<>(CheckRegistry.standardFamilies());
        families.add(CheckFamily.of("echo", List.of(new EchoCheckType()), List.of()));
        return new ChecklistLoader(new CheckRegistry(families), ENV::get);
    }

    static String withChecks(String checks) {
        return HEADER + checks;
    }

    static Checklist load(String yaml) throws InvalidInputException {
        return standardLoader().parse("c.yaml", yaml, Map.of());
    }

    static Checklist load(String yaml, Map<String, String> sets) throws InvalidInputException {
        return standardLoader().parse("c.yaml", yaml, sets);
    }

    static InvalidInputException invalid(String yaml) {
        return invalid(yaml, Map.of());
    }

    static InvalidInputException invalid(String yaml, Map<String, String> sets) {
        return assertThrows(InvalidInputException.class, () -> standardLoader().parse("c.yaml", yaml, sets));
    }

    static InvalidInputException invalidWithEcho(String yaml) {
        return invalidWithEcho(yaml, Map.of());
    }

    static InvalidInputException invalidWithEcho(String yaml, Map<String, String> sets) {
        return assertThrows(InvalidInputException.class, () -> echoLoader().parse("c.yaml", yaml, sets));
    }

    /** The values the {@code echo} check with this id was prepared with. */
    static Map<String, Object> echoed(Checklist checklist, String id) {
        return ((EchoCheckType.Echo) checklist.check(id).orElseThrow().check()).params().asMap();
    }

    /**
     * Asserts that exactly one problem stands at {@code position} (e.g. {@code c.yaml:7:13}) and that its
     * formatted text contains every fragment; the failure message lists every problem found.
     */
    static Problem assertProblem(InvalidInputException e, String position, String... fragments) {
        List<Problem> at = e.problems().stream().filter(p -> p.position().toString().equals(position)).toList();
        if (at.size() != 1) {
            fail("expected one problem at " + position + ", found " + at.size() + " in:\n" + e.getMessage());
        }
        Problem p = at.get(0);
        for (String fragment : fragments) {
            if (!p.format().contains(fragment)) {
                fail("problem at " + position + " lacks '" + fragment + "':\n" + p.format());
            }
        }
        return p;
    }

    /** Asserts the exception holds exactly these problems (formatted), in any order. */
    static void assertProblems(InvalidInputException e, String... formatted) {
        List<String> actual = e.problems().stream().map(Problem::format).sorted().toList();
        List<String> expected = java.util.Arrays.stream(formatted).sorted().toList();
        if (!actual.equals(expected)) {
            fail("expected:\n" + String.join("\n", expected) + "\nbut was:\n"
                    + actual.stream().collect(Collectors.joining("\n")));
        }
    }
}
