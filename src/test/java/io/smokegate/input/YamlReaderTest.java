package io.smokegate.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

class YamlReaderTest {

    private final YamlReader reader = new YamlReader("f.yaml");

    /** The value of {@code key} in a one-document YAML mapping. */
    private static Node value(String yaml, String key) throws InvalidInputException {
        MappingNode root = (MappingNode) new SafeYaml().parse("f.yaml", yaml);
        return root.getValue().stream().filter(t -> key.equals(((org.yaml.snakeyaml.nodes.ScalarNode) t.getKeyNode()).getValue()))
                .findFirst().orElseThrow().getValueNode();
    }

    private String onlyProblem() {
        assertEquals(1, reader.problems().size(), () -> "problems: " + reader.problems());
        return reader.problems().get(0).format();
    }

    @Test
    void positionsAreOneBasedLineAndColumn() throws InvalidInputException {
        assertEquals(new Position("f.yaml", 2, 8), reader.position(value("a: 1\nbcdef: xyz\n", "bcdef")));
    }

    @Test
    void mappingKeepsEntriesInFileOrder() throws InvalidInputException {
        YamlReader.Mapping m = reader.mapping(new SafeYaml().parse("f.yaml", "z: 1\na: 2\nm: 3\n"), "");
        assertEquals(List.of("z", "a", "m"), m.entries().stream().map(YamlReader.Mapping.Entry::name).toList());
        assertFalse(reader.hasProblems());
    }

    @Test
    void aDuplicateKeyIsReportedAtTheSecondWithTheLineOfTheFirst() throws InvalidInputException {
        reader.mapping(value("labels:\n  env: prod\n  team: a\n  env: dev\n", "labels"), "metadata.labels");
        assertEquals("f.yaml:4:3: metadata.labels: duplicate key 'env' (first defined at line 2)", onlyProblem());
    }

    @Test
    void aDuplicateTopLevelKeyNamesNoEmptyField() throws InvalidInputException {
        reader.mapping(new SafeYaml().parse("f.yaml", "kind: A\nkind: B\n"), "");
        assertEquals("f.yaml:2:1: duplicate key 'kind' (first defined at line 1)", onlyProblem());
    }

    @Test
    void aListWhereAMappingBelongsIsReportedWithWhatWasFound() throws InvalidInputException {
        assertNull(reader.mapping(value("with: [1, 2]\n", "with"), "spec.checks[0].with"));
        assertEquals("f.yaml:1:7: spec.checks[0].with: expected a mapping (key: value), found a list", onlyProblem());
    }

    @Test
    void aTopLevelListIsReportedWithoutAnEmptyFieldName() throws InvalidInputException {
        assertNull(reader.mapping(new SafeYaml().parse("f.yaml", "- a\n- b\n"), ""));
        assertEquals("f.yaml:1:1: expected a mapping (key: value), found a list", onlyProblem());
    }

    @Test
    void nonScalarKeysAreRefused() throws InvalidInputException {
        reader.mapping(value("m: {[a, b]: 1}\n", "m"), "m");
        assertEquals("f.yaml:1:5: m: keys must be plain strings", onlyProblem());
    }

    @Test
    void allowOnlySuggestsTheNearestAllowedField() throws InvalidInputException {
        YamlReader.Mapping m = reader.mapping(value("spec:\n  concurency: 4\n", "spec"), "spec");
        m.allowOnly(Set.of("vars", "defaults", "concurrency", "schedule", "checks"));
        assertEquals("f.yaml:2:3: spec.concurency: unknown field (did you mean 'concurrency'?)", onlyProblem());
    }

    @Test
    void allowOnlyListsTheAllowedFieldsWhenNoneIsNear() throws InvalidInputException {
        YamlReader.Mapping m = reader.mapping(value("d:\n  x: 1\n", "d"), "defaults");
        m.allowOnly(Set.of("timeout", "retries"));
        assertEquals("f.yaml:2:3: defaults.x: unknown field (expected one of: retries, timeout)", onlyProblem());
    }

    @Test
    void requireReportsAMissingFieldAtTheMapping() throws InvalidInputException {
        YamlReader.Mapping m = reader.mapping(value("top: 1\nmetadata:\n  labels: {}\n", "metadata"), "metadata");
        assertNull(m.require("name"));
        assertEquals("f.yaml:3:3: metadata.name: missing required field", onlyProblem());
    }

    @Test
    void aNullIsNotAString() throws InvalidInputException {
        assertNull(reader.string(value("name:\n", "name"), "metadata.name"));
        assertEquals("f.yaml:1:6: metadata.name: expected a string, found nothing (null)", onlyProblem());
    }

    @Test
    void aValueOfTheWrongKindIsDescribedNotEchoed() throws InvalidInputException {
        // the file may be another file's lines (a link) or hold a secret: what is written there is not shown
        reader.mapping(value("n: \"root:*:20228:0:99999:7:::\"\n", "n"), "spec");
        assertEquals("f.yaml:1:4: spec: expected a mapping (key: value), found a quoted string", onlyProblem());
    }

    @ParameterizedTest(name = "{0} is described as {1}")
    @CsvSource(delimiter = '|', value = {"3|a whole number", "2.5|a number", "yes|true or false", "2024-01-01|a date",
            "\"x\"|a quoted string", "plain|a string", "~|nothing (null)", "!custom x|a tagged value",
            "[1]|a list", "{a: 1}|a mapping"})
    void valuesAreDescribedByTheirKind(String yaml, String kind) throws InvalidInputException {
        assertEquals(kind, YamlReader.describe(value("v: " + yaml + "\n", "v")));
    }

    @Test
    void anUnknownKeyThatIsNoNameIsShownByItsLengthOnly() throws InvalidInputException {
        YamlReader.Mapping m = reader.mapping(new SafeYaml().parse("f.yaml", "root:*:20228:0:99999:7::: x\n"), "spec");
        m.allowOnly(Set.of("checks"));
        assertEquals("f.yaml:1:1: spec.<key of 24 characters>: unknown field (expected one of: checks)", onlyProblem());
    }

    @Test
    void anUnknownKeyThatIsANameIsNamedWithTheNearestField() throws InvalidInputException {
        YamlReader.Mapping m = reader.mapping(new SafeYaml().parse("f.yaml", "chekcs: []\n"), "spec");
        m.allowOnly(Set.of("checks", "vars"));
        assertEquals("f.yaml:1:1: spec.chekcs: unknown field (did you mean 'checks'?)", onlyProblem());
    }

    @Test
    void aDuplicateKeyThatIsNoNameIsShownByItsLengthOnly() throws InvalidInputException {
        reader.mapping(new SafeYaml().parse("f.yaml", "a b$c: 1\na b$c: 2\n"), "");
        assertEquals("f.yaml:2:1: duplicate key <key of 5 characters> (first defined at line 1)", onlyProblem());
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({"3, 3", "1_000, 1000", "0x10, 16", "+7, 7", "-2, -2"})
    void integerReadsYamlWholeNumbers(String text, int expected) throws InvalidInputException {
        assertEquals(expected, reader.integer(value("n: " + text + "\n", "n"), "n", -10, 10_000));
        assertFalse(reader.hasProblems(), () -> reader.problems().toString());
    }

    @Test
    void aQuotedNumberIsNotAWholeNumber() throws InvalidInputException {
        assertNull(reader.integer(value("concurrency: \"4\"\n", "concurrency"), "spec.concurrency", 1, 256));
        assertEquals("f.yaml:1:14: spec.concurrency: expected a whole number, found a quoted string", onlyProblem());
    }

    @Test
    void aWholeNumberOutsideItsRangeNamesTheRange() throws InvalidInputException {
        assertNull(reader.integer(value("retries: 11\n", "retries"), "retries", 0, 10));
        assertEquals("f.yaml:1:10: retries: 11 is out of range (allowed: 0 to 10)", onlyProblem());
    }

    @Test
    void aWholeNumberTooLargeForALongIsNotAWholeNumber() throws InvalidInputException {
        assertNull(reader.integer(value("n: 99999999999999999999\n", "n"), "n", 0, 10));
        assertEquals("f.yaml:1:4: n: '99999999999999999999' is not a whole number", onlyProblem());
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({"1, 1.0", "2.5, 2.5", "1_000.5, 1000.5", "0, 0.0"})
    void numberReadsIntegersAndFloats(String text, double expected) throws InvalidInputException {
        assertEquals(expected, reader.number(value("w: " + text + "\n", "w"), "weight", 0, 2000));
        assertFalse(reader.hasProblems(), () -> reader.problems().toString());
    }

    @Test
    void aNumberOutsideItsRangeNamesTheRange() throws InvalidInputException {
        assertNull(reader.number(value("weight: 1000.5\n", "weight"), "weight", 0, 1000));
        assertEquals("f.yaml:1:9: weight: 1000.5 is out of range (allowed: 0.0 to 1000.0)", onlyProblem());
    }

    @Test
    void notANumberIsRefused() throws InvalidInputException {
        assertNull(reader.number(value("weight: .nan\n", "weight"), "weight", 0, 1000));
        assertEquals("f.yaml:1:9: weight: '.nan' is not a number", onlyProblem());
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"true, true", "false, false", "True, true", "FALSE, false", "yes, true", "no, false", "on, true", "off, false"})
    void boolReadsYamlBooleans(String text, boolean expected) throws InvalidInputException {
        assertEquals(expected, reader.bool(value("b: " + text + "\n", "b"), "b"));
        assertFalse(reader.hasProblems(), () -> reader.problems().toString());
    }

    @Test
    void aStringIsNotABoolean() throws InvalidInputException {
        assertNull(reader.bool(value("b: \"true\"\n", "b"), "verify"));
        assertEquals("f.yaml:1:4: verify: expected true or false, found a quoted string", onlyProblem());
    }

    @Test
    void durationReadsGoStyleText() throws InvalidInputException {
        assertEquals(Duration.ofSeconds(90),
                reader.duration(value("t: 1m30s\n", "t"), "timeout", Duration.ofMillis(1), Duration.ofMinutes(10)));
    }

    @Test
    void aMalformedDurationGetsTheUseEgHint() throws InvalidInputException {
        reader.duration(value("timeout: 10 secs\n", "timeout"), "timeout", Duration.ofMillis(1), Duration.ofMinutes(10));
        assertEquals("f.yaml:1:10: timeout: '10 secs' is not a duration (use e.g. 500ms, 10s, 1m30s, 2h)", onlyProblem());
    }

    @Test
    void aDurationOutsideItsRangeNamesTheRange() throws InvalidInputException {
        reader.duration(value("timeout: 11m\n", "timeout"), "timeout", Duration.ofMillis(1), Duration.ofMinutes(10));
        assertEquals("f.yaml:1:10: timeout: 11m is out of range (allowed: 1ms to 10m)", onlyProblem());
    }

    @Test
    void sizeReadsByteSizes() throws InvalidInputException {
        assertEquals(2L * 1024 * 1024, reader.size(value("max: 2MiB\n", "max"), "max", 1L << 30));
    }

    @Test
    void aMalformedSizeGetsTheUseEgHint() throws InvalidInputException {
        reader.size(value("max: lots\n", "max"), "max", 1L << 30);
        assertEquals("f.yaml:1:6: max: 'lots' is not a size (use e.g. 4096, 64KiB, 10MiB, 1GB)", onlyProblem());
    }

    @Test
    void aSizeAboveTheLimitNamesTheLimit() throws InvalidInputException {
        reader.size(value("max: 2GiB\n", "max"), "max", 1L << 30);
        assertEquals("f.yaml:1:6: max: 2GiB is larger than the limit of 1GiB", onlyProblem());
    }

    @Test
    void stringsReadsAListOfScalars() throws InvalidInputException {
        assertEquals(List.of("a", "1", "true"), reader.strings(value("l: [a, 1, true]\n", "l"), "needs"));
    }

    @Test
    void stringsReportsEachItemThatIsNoScalarWithItsIndex() throws InvalidInputException {
        assertNull(reader.strings(value("l: [a, [b], c]\n", "l"), "needs"));
        assertEquals("f.yaml:1:8: needs[1]: expected a string, found a list", onlyProblem());
    }

    @Test
    void stringMapReadsScalarValuesInOrder() throws InvalidInputException {
        Map<String, String> labels = reader.stringMap(value("l: {team: a, env: prod, tier: 1}\n", "l"), "labels");
        assertEquals(List.of("team", "env", "tier"), List.copyOf(labels.keySet()));
        assertEquals("1", labels.get("tier"));
    }

    @Test
    void stringMapReportsNestedValuesWithTheirKey() throws InvalidInputException {
        assertNull(reader.stringMap(value("l: {team: a, env: {x: 1}}\n", "l"), "metadata.labels"));
        assertEquals("f.yaml:1:19: metadata.labels.env: expected a string, found a mapping", onlyProblem());
    }

    @Test
    void problemsAreCollectedNotThrownOneByOne() throws InvalidInputException {
        Node root = new SafeYaml().parse("f.yaml", "a: x\nb: y\n");
        YamlReader.Mapping m = reader.mapping(root, "");
        reader.integer(m.get("a"), "a", 0, 1);
        reader.integer(m.get("b"), "b", 0, 1);
        InvalidInputException e = assertThrows(InvalidInputException.class, reader::throwIfProblems);
        assertEquals(List.of("f.yaml:1:4", "f.yaml:2:4"),
                e.problems().stream().map(p -> p.position().toString()).toList());
        assertEquals("f.yaml:1:4: a: expected a whole number, found a string\nf.yaml:2:4: b: expected a whole number, found a string",
                e.getMessage());
    }

    @Test
    void throwIfProblemsDoesNothingWithoutProblems() throws InvalidInputException {
        reader.throwIfProblems();
    }

    /** Visits every value like a generic reader of the document would. */
    private void walk(Node node) {
        if (node instanceof MappingNode) {
            YamlReader.Mapping m = reader.mapping(node, "x");
            if (m != null) {
                m.entries().forEach(e -> walk(e.value()));
            }
        } else if (node instanceof SequenceNode) {
            List<Node> items = reader.sequence(node, "x");
            if (items != null) {
                items.forEach(this::walk);
            }
        } else {
            reader.string(node, "x");
        }
    }

    @Test
    void aDocumentExpandingPastTheNodeBudgetThroughFewAliasesIsStopped() throws InvalidInputException {
        // 20 aliases (allowed by the parser) of a 20,000-item list expand to 400,000 values.
        StringBuilder yaml = new StringBuilder("words: &w [");
        for (int i = 0; i < 20_000; i++) {
            yaml.append(i == 0 ? "" : ",").append('w');
        }
        yaml.append("]\ncopies: [");
        for (int i = 0; i < 20; i++) {
            yaml.append(i == 0 ? "" : ", ").append("*w");
        }
        yaml.append("]\n");
        Node root = new SafeYaml().parse("f.yaml", yaml.toString());

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> walk(root));

        assertEquals(1, reader.problems().size(), () -> reader.problems().toString());
        Problem p = reader.problems().get(0);
        assertEquals("document expands to more than 200000 values", p.message());
        assertEquals("alias expansion this large is refused; write the values out or split the file", p.hint());
        assertEquals(1, p.position().line(), "points into the aliased list");
    }

    @Test
    void afterTheNodeBudgetEveryReaderReturnsNothing() throws InvalidInputException {
        StringBuilder yaml = new StringBuilder("words: &w [");
        for (int i = 0; i < 20_000; i++) {
            yaml.append(i == 0 ? "" : ",").append('w');
        }
        yaml.append("]\ncopies: [");
        for (int i = 0; i < 20; i++) {
            yaml.append(i == 0 ? "" : ", ").append("*w");
        }
        yaml.append("]\nn: 1\n");
        Node root = new SafeYaml().parse("f.yaml", yaml.toString());
        walk(root);
        Node n = value(yaml.toString(), "n");
        assertNull(reader.integer(n, "n", 0, 10));
        assertNull(reader.string(n, "n"));
        assertNull(reader.mapping(root, ""));
        assertEquals(1, reader.problems().size(), "the budget is reported once");
    }

    @Test
    void problemFormatIsFileLineColumnMessageAndHint() {
        Problem p = new Problem(new Position("c.yaml", 3, 7), "spec.checks[0].type: unknown check type 'htp'",
                "did you mean 'http'?");
        assertEquals("c.yaml:3:7: spec.checks[0].type: unknown check type 'htp' (did you mean 'http'?)", p.format());
    }

    @Test
    void aPositionWithoutLineIsJustTheName() {
        assertEquals("--set proxy: no var 'proxy'", Problem.at(Position.of("--set proxy"), "no var 'proxy'").format());
    }

    @Test
    void aProblemNeedsAMessage() {
        assertThrows(IllegalArgumentException.class, () -> Problem.at(Position.of("f"), " "));
    }

    @Test
    void anInvalidInputNeedsAProblem() {
        assertThrows(IllegalArgumentException.class, () -> new InvalidInputException(List.of()));
    }

    @Test
    void theProblemListIsACopy() {
        Problem p = Problem.at(Position.of("f"), "bad");
        java.util.ArrayList<Problem> list = new java.util.ArrayList<>(List.of(p));
        InvalidInputException e = new InvalidInputException(list);
        list.clear();
        assertEquals(List.of(p), e.problems());
        assertTrue(e.getMessage().equals("f: bad"));
    }
}
