package io.smokegate.checklist;

import static io.smokegate.checklist.Loading.assertProblems;
import static io.smokegate.checklist.Loading.invalid;
import static io.smokegate.checklist.Loading.load;
import static io.smokegate.checklist.Loading.withChecks;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.input.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code needs:} names checks that must pass first; the names must exist and must not form a cycle. */
class ChecklistLoaderNeedsTest {

    @Test
    void aCheckMayNeedChecksListedBeforeOrAfterIt() throws InvalidInputException {
        Checklist c = load(withChecks("""
                    - {id: web, type: tcp, needs: [dns], with: {address: "h:443"}}
                    - {id: dns, type: dns, with: {name: example.com}}
                    - {id: tls, type: tls, needs: [dns, web], with: {address: "h:443"}}
                """));
        assertEquals(List.of("dns"), c.check("web").orElseThrow().needs());
        assertEquals(List.of("dns", "web"), c.check("tls").orElseThrow().needs());
    }

    @Test
    void aDiamondIsNotACycle() throws InvalidInputException {
        Checklist c = load(withChecks("""
                    - {id: a, type: tcp, with: {address: "h:1"}}
                    - {id: b, type: tcp, needs: [a], with: {address: "h:1"}}
                    - {id: c, type: tcp, needs: [a], with: {address: "h:1"}}
                    - {id: d, type: tcp, needs: [b, c], with: {address: "h:1"}}
                """));
        assertEquals(4, c.checks().size());
    }

    @Test
    void needingAnUnknownCheckSuggestsTheNearestId() {
        InvalidInputException e = invalid(withChecks("""
                    - {id: proxy-tcp, type: tcp, with: {address: "h:1"}}
                    - {id: proxy-tls, type: tls, needs: [proxy-tpc], with: {address: "h:1"}}
                """));
        assertProblems(e, "c.yaml:7:42: check 'proxy-tls' needs unknown check 'proxy-tpc' (did you mean 'proxy-tcp'?)");
    }

    @Test
    void aCheckCannotNeedItself() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, needs: [a], with: {address: \"h:1\"}}\n"));
        assertProblems(e, "c.yaml:6:34: check 'a' needs itself");
    }

    @Test
    void twoChecksNeedingEachOtherFormACycle() {
        InvalidInputException e = invalid(withChecks("""
                    - {id: a, type: tcp, needs: [b], with: {address: "h:1"}}
                    - {id: b, type: tcp, needs: [a], with: {address: "h:1"}}
                """));
        assertProblems(e, "c.yaml:6:12: needs form a cycle: a → b → a (remove one of these needs)");
    }

    @Test
    void aLongerCycleIsShownFromItsFirstCheck() {
        InvalidInputException e = invalid(withChecks("""
                    - {id: start, type: tcp, needs: [x], with: {address: "h:1"}}
                    - {id: x, type: tcp, needs: [y], with: {address: "h:1"}}
                    - {id: y, type: tcp, needs: [z], with: {address: "h:1"}}
                    - {id: z, type: tcp, needs: [x], with: {address: "h:1"}}
                """));
        assertProblems(e, "c.yaml:7:12: needs form a cycle: x → y → z → x (remove one of these needs)");
    }

    @Test
    void needsMustBeStrings() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, needs: [{b: 1}], with: {address: \"h:1\"}}\n"));
        assertProblems(e, "c.yaml:6:34: spec.checks[0].needs[0]: expected a string, found a mapping");
    }

    @Test
    void unknownAndSelfNeedsAreReportedTogether() {
        InvalidInputException e = invalid(withChecks("""
                    - {id: a, type: tcp, needs: [a, zeta], with: {address: "h:1"}}
                """));
        assertProblems(e,
                "c.yaml:6:34: check 'a' needs itself",
                "c.yaml:6:37: check 'a' needs unknown check 'zeta' (expected one of: a)");
    }
}
