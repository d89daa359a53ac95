package io.smokegate.checklist;

import static io.smokegate.checklist.Loading.assertProblems;
import static io.smokegate.checklist.Loading.standardLoader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckRegistry;
import io.smokegate.input.InvalidInputException;
import io.smokegate.input.SafeYaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Untrusted checklists cannot make the loader use unbounded time or memory. */
class ChecklistLoaderLimitsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTheLoaderAndCheckTypeClasses() throws InvalidInputException {
        // Timing assertions below measure the limits, not class loading or the JDK trust store.
        Loading.load(Loading.withChecks("    - {id: a, type: http, with: {url: \"https://example.com/\"}}\n"));
    }

    private InvalidInputException invalidFile(Path file) {
        return assertThrows(InvalidInputException.class, () -> standardLoader().load(file, Map.of()));
    }

    @Test
    void aTenMegabyteChecklistIsRefusedBeforeParsing() throws Exception {
        Path file = dir.resolve("huge.yaml");
        // valid YAML all the way through: only the size is wrong
        String check = "    - {id: a, type: tcp, with: {address: \"h:1\"}}\n";
        int tenMebibytes = 10 * 1024 * 1024;
        StringBuilder yaml = new StringBuilder(Loading.HEADER);
        while (yaml.length() < tenMebibytes) {
            yaml.append("    # ").append("padding ".repeat(100)).append('\n');
        }
        yaml.setLength(tenMebibytes - check.length() - 1);
        yaml.append('\n').append(check);
        Files.writeString(file, yaml);
        assertEquals(tenMebibytes, Files.size(file));
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> invalidFile(file));
        assertProblems(e, file + ": file is 10MiB, larger than the limit of 1MiB (split it into several files)");
    }

    @Test
    void theSizeLimitIsConfigurable() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, Loading.withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n"));
        ChecklistLoader strict = new ChecklistLoader(CheckRegistry.standard(), Loading.ENV::get, new SafeYaml(64));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> strict.load(file, Map.of()));
        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().startsWith(file + ": file is "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", larger than the limit of 64B (split it into several files)"), e.getMessage());
    }

    @Test
    void anAliasBombIsRefusedQuickly() {
        StringBuilder yaml = new StringBuilder(Loading.HEADER.replace("  checks:\n", "  vars:\n"));
        yaml.append("    a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            char below = (char) (level - 1);
            yaml.append("    ").append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(below);
            }
            yaml.append("]\n");
        }
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofMillis(500), () -> Loading.invalid(yaml.toString()));
        // lines b and c hold 9 aliases each: the 21st is the third of line d
        assertProblems(e, "c.yaml:9:20: more than 20 aliases of mappings or lists; alias bombs are refused"
                + " (write the values out; aliases of single values are not limited)");
    }

    @Test
    void aChecklistExpandingPastTheNodeBudgetThroughTwentyAliasesIsRefused() {
        // one list of 20,000 words, used by 20 checks: 400,000 values from a 60 KB file
        StringBuilder yaml = new StringBuilder(Loading.HEADER);
        yaml.append("    - {id: c0, type: http, with: {url: \"https://example.com/\", bodyContains: &words [");
        for (int i = 0; i < 20_000; i++) {
            yaml.append(i == 0 ? "" : ",").append('w');
        }
        yaml.append("]}}\n");
        for (int i = 1; i < 20; i++) {
            yaml.append("    - {id: c").append(i).append(", type: http, with: {url: \"https://example.com/\", bodyContains: *words}}\n");
        }
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> Loading.invalid(yaml.toString()));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("c.yaml:6:"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": document expands to more than 200000 values"
                + " (alias expansion this large is refused; write the values out or split the file)"), e.getMessage());
    }

    @Test
    void deepNestingIsRefused() {
        String deep = Loading.withChecks("    - {id: a, type: tcp, with: {address: " + "[".repeat(50) + "]".repeat(50) + "}}\n");
        InvalidInputException e = Loading.invalid(deep);
        // the with: mapping is the fifth level; its 37th bracket is where the document got too deep
        assertProblems(e, "c.yaml:6:78: nested deeper than 40 levels; such documents are refused"
                + " (look for unclosed brackets or runaway indentation)");
    }

    @Test
    void aSelfReferencingAliasIsAProblemNotACrash() {
        InvalidInputException e = Loading.invalid("""
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata:
                  name: demo
                  labels: &labels {team: *labels}
                spec:
                  checks:
                    - {id: a, type: http, with: &with {url: "https://example.com/", json: {/x: *with}}}
                """);
        assertProblems(e,
                "c.yaml:5:11: metadata.labels.team: expected a string, found a mapping",
                "c.yaml:8:33: spec.checks[0].with.json./x: expected a plain value, found a mapping or list");
    }

    @Test
    void moreThanFiveThousandChecksAreRefused() {
        StringBuilder yaml = new StringBuilder(Loading.HEADER);
        for (int i = 0; i <= ChecklistLoader.MAX_CHECKS; i++) {
            yaml.append("    - {id: c").append(i).append(", type: tcp, with: {address: \"h:1\"}}\n");
        }
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Loading.invalid(yaml.toString()));
        assertProblems(e, "c.yaml:6:5: spec.checks: 5001 checks, more than the limit of 5000 (split the checklist)");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception {
        Path file = dir.resolve("latin1.yaml");
        String yaml = Loading.withChecks("    - {id: a, type: tcp, description: \"Müller's DB\", with: {address: \"h:1\"}}\n");
        Files.write(file, yaml.getBytes(StandardCharsets.ISO_8859_1));
        assertProblems(invalidFile(file), file + ": file is not valid UTF-8 text");
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.yaml"), "");
        assertProblems(invalidFile(file), file + ":1:1: document is empty");
    }

    @Test
    void aFileOfOnlyCommentsIsEmpty() throws Exception {
        Path file = Files.writeString(dir.resolve("todo.yaml"), "# TODO: write the checks\n");
        assertProblems(invalidFile(file), file + ":1:1: document is empty");
    }

    @Test
    void aMultiDocumentFileIsRefusedAtTheSecondDocument() throws Exception {
        String one = Loading.withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n");
        Path file = Files.writeString(dir.resolve("two.yaml"), one + "---\n" + one);
        assertProblems(invalidFile(file), file + ":7:1: YAML syntax: expected a single document in the stream"
                + " but found another document"
                + " (a file holds one document; remove the '---' line and what follows, or split the file)");
    }

    @Test
    void aMissingFileIsReported() {
        Path file = dir.resolve("absent.yaml");
        assertProblems(invalidFile(file), file + ": no such file");
    }
}
