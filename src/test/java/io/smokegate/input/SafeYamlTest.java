package io.smokegate.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

class SafeYamlTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTheParserClasses() throws InvalidInputException {
        // Timing assertions below measure alias handling, not the JVM loading SnakeYAML.
        new SafeYaml().parse("warm-up", "a: [1, 2]\n");
    }

    /** The "billion laughs" attack: 9 levels of 9 aliases each would expand to 9^9 strings. */
    static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            char below = (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(below);
            }
            yaml.append("]\n");
        }
        return yaml.toString();
    }

    @Test
    void parseReturnsTheNodeTreeWithPositions() throws InvalidInputException {
        Node root = new SafeYaml().parse("c.yaml", "a: 1\nb:\n  c: two\n");
        MappingNode map = assertInstanceOf(MappingNode.class, root);
        Node c = ((MappingNode) map.getValue().get(1).getValueNode()).getValue().get(0).getValueNode();
        assertEquals(new Position("c.yaml", 3, 6), new YamlReader("c.yaml").position(c));
    }

    @Test
    void aSyntaxErrorIsReportedAtItsLineAndColumn() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SafeYaml().parse("c.yaml", "a: 1\nb: [1, 2\nc: 3\n"));
        assertEquals(1, e.problems().size());
        Problem p = e.problems().get(0);
        assertEquals(new Position("c.yaml", 3, 2), p.position());
        assertTrue(p.message().startsWith("YAML syntax: expected ',' or ']'"), p.message());
        assertTrue(p.message().contains("flow sequence"), p.message());
    }

    @Test
    void aTabUsedForIndentationIsReportedWhereItStands() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SafeYaml().parse("c.yaml", "a:\n\tb: 1\n"));
        assertEquals("c.yaml:2:1", e.problems().get(0).position().toString());
        assertTrue(e.getMessage().contains("Do not use \\t(TAB) for indentation"), e.getMessage());
    }

    @Test
    void anEmptyDocumentIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SafeYaml().parse("c.yaml", ""));
        assertEquals("c.yaml:1:1: document is empty", e.getMessage());
    }

    @Test
    void aDocumentOfOnlyCommentsIsEmpty() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SafeYaml().parse("c.yaml", "# nothing here yet\n\n"));
        assertEquals("c.yaml:1:1: document is empty", e.getMessage());
    }

    @Test
    void aSecondDocumentIsRefusedAtItsSeparator() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SafeYaml().parse("c.yaml", "a: 1\n---\nb: 2\n"));
        assertEquals("c.yaml:2:1: YAML syntax: expected a single document in the stream but found another document"
                + " (a file holds one document; remove the '---' line and what follows, or split the file)", e.getMessage());
    }

    @Test
    void aLeadingDocumentMarkerIsFine() throws InvalidInputException {
        assertInstanceOf(MappingNode.class, new SafeYaml().parse("c.yaml", "---\na: 1\n"));
    }

    @Test
    void aByteOrderMarkIsAccepted() throws InvalidInputException {
        assertInstanceOf(MappingNode.class, new SafeYaml().parse("c.yaml", "\uFEFFa: 1\n"));
    }

    @Test
    void controlCharactersAreRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SafeYaml().parse("c.yaml", "a: \u0000\n"));
        assertTrue(e.getMessage().startsWith("c.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("special characters are not allowed"), e.getMessage());
    }

    @Test
    void anAliasBombIsRefusedQuicklyAtTheAliasOverTheLimit() {
        String bomb = billionLaughs();
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofMillis(500),
                () -> assertThrows(InvalidInputException.class, () -> new SafeYaml().parse("bomb.yaml", bomb)));
        // lines b and c hold 9 aliases each: the 21st is the third of line d
        assertEquals("bomb.yaml:4:16: more than 20 aliases of mappings or lists; alias bombs are refused"
                + " (write the values out; aliases of single values are not limited)", e.getMessage());
    }

    @Test
    void anUndefinedAliasIsNamedWhereItStands() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SafeYaml().parse("c.yaml", "a: 1\nb: *base\n"));
        assertEquals("c.yaml:2:4: YAML syntax: found undefined alias 'base' (an alias *name needs an anchor &name before it)",
                e.getMessage());
    }

    @Test
    void anUndefinedAliasThatIsNoNameIsNotEchoed() {
        // e.g. a line of another file starting with '*': its text is not shown
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SafeYaml().parse("c.yaml", "a: *root$6$saltsalt$hash\n"));
        assertEquals("c.yaml:1:4: YAML syntax: found undefined alias <alias of 20 characters>"
                + " (an alias *name needs an anchor &name before it)", e.getMessage());
    }

    @Test
    void twentyAliasesOfACollectionAreAllowed() throws InvalidInputException {
        StringBuilder yaml = new StringBuilder("base: &base {x: 1}\nuses:\n");
        for (int i = 0; i < 20; i++) {
            yaml.append("  - *base\n");
        }
        assertInstanceOf(MappingNode.class, new SafeYaml().parse("c.yaml", yaml.toString()));
    }

    @Test
    void theTwentyFirstAliasOfACollectionIsRefused() {
        StringBuilder yaml = new StringBuilder("base: &base {x: 1}\nuses:\n");
        for (int i = 0; i < 21; i++) {
            yaml.append("  - *base\n");
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SafeYaml().parse("c.yaml", yaml.toString()));
        assertEquals("c.yaml:23:5", e.problems().get(0).position().toString());
        assertTrue(e.getMessage().contains("more than 20 aliases of mappings or lists"), e.getMessage());
    }

    @Test
    void aliasesOfScalarsAreNotCounted() throws InvalidInputException {
        StringBuilder yaml = new StringBuilder("host: &host example.com\nhosts:\n");
        for (int i = 0; i < 100; i++) {
            yaml.append("  - *host\n");
        }
        assertInstanceOf(MappingNode.class, new SafeYaml().parse("c.yaml", yaml.toString()));
    }

    /** {@code k0:} containing {@code k1:} and so on: {@code levels} nested mappings. */
    private static String nestedMappings(int levels) {
        StringBuilder yaml = new StringBuilder();
        for (int level = 0; level < levels; level++) {
            yaml.append("  ".repeat(level)).append("k").append(level).append(":\n");
        }
        return yaml.toString();
    }

    @Test
    void nestingDeeperThanFortyLevelsIsRefusedWhereItGetsTooDeep() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SafeYaml().parse("deep.yaml", nestedMappings(41)));
        assertEquals("deep.yaml:41:81: nested deeper than 40 levels; such documents are refused"
                + " (look for unclosed brackets or runaway indentation)", e.getMessage());
    }

    @Test
    void fortyLevelsOfNestingAreAccepted() throws InvalidInputException {
        assertInstanceOf(MappingNode.class, new SafeYaml().parse("c.yaml", nestedMappings(40)));
    }

    @Test
    void deeplyNestedFlowListsAreRefusedQuickly() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> assertThrows(InvalidInputException.class, () -> new SafeYaml().parse("deep.yaml", deep)));
        assertTrue(e.getMessage().startsWith("deep.yaml:1:42: nested deeper than 40 levels"), e.getMessage());
    }

    @Test
    void aTextLargerThanTheLimitIsRefusedBeforeParsing() {
        String big = "a: " + "x".repeat(2000);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SafeYaml(1024).parse("c.yaml", big));
        assertEquals("c.yaml: document is larger than the limit of 1KiB", e.getMessage());
    }

    @Test
    void readParsesAFile() throws Exception {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, "a: 1\n");
        assertInstanceOf(MappingNode.class, new SafeYaml().read(file));
    }

    @Test
    void readNamesTheFileInSyntaxErrors() throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "a: 1\n  b: 2\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SafeYaml().read(file));
        assertEquals(file + ":2:4", e.problems().get(0).position().toString());
        assertTrue(e.getMessage().contains("mapping values are not allowed here"), e.getMessage());
    }

    @Test
    void aTenMegabyteFileIsRefusedBeforeItIsRead() throws IOException {
        Path file = dir.resolve("huge.yaml");
        byte[] content = new byte[10 * 1024 * 1024];
        Arrays.fill(content, (byte) 'x');
        Files.write(file, content);
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> assertThrows(InvalidInputException.class, () -> new SafeYaml().read(file)));
        assertEquals(file + ": file is 10MiB, larger than the limit of 1MiB (split it into several files)", e.getMessage());
    }

    @Test
    void aFileOfExactlyTheLimitIsAccepted() throws Exception {
        Path file = dir.resolve("limit.yaml");
        String content = "a: " + "x".repeat(1024 - 4) + "\n";
        Files.writeString(file, content);
        assertEquals(1024, Files.size(file));
        assertInstanceOf(MappingNode.class, new SafeYaml(1024).read(file));
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "name: M\u00fcller\n".getBytes(StandardCharsets.ISO_8859_1));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SafeYaml().read(file));
        assertEquals(file + ": file is not valid UTF-8 text", e.getMessage());
    }

    @Test
    void utf8TextIsDecodedAsSuch() throws Exception {
        Path file = dir.resolve("utf8.yaml");
        Files.writeString(file, "name: M\u00fcller\n", StandardCharsets.UTF_8);
        MappingNode root = (MappingNode) new SafeYaml().read(file);
        assertEquals("M\u00fcller", new YamlReader("f").string(root.getValue().get(0).getValueNode(), "name"));
    }

    @Test
    void aMissingFileIsReportedAsSuch() {
        Path file = dir.resolve("absent.yaml");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SafeYaml().read(file));
        assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void aDirectoryCannotBeRead() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SafeYaml().read(dir));
        assertTrue(e.getMessage().startsWith(dir + ": cannot read file"), e.getMessage());
    }
}
