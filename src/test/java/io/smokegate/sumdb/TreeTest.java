package io.smokegate.sumdb;

import static io.smokegate.sumdb.Vectors.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TreeTest {

    private static final String TEXT = "go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n";
    private static final Tree TREE = new Tree(123456789012L, Tlog.recordHash(utf8("hello world")));

    @Test
    void formatMatchesGo() {
        assertEquals(TEXT, TREE.format());
    }

    @Test
    void parseMatchesGo() throws NoteException {
        assertEquals(TREE, Tree.parse(TEXT));
    }

    @ParameterizedTest(name = "junk {index}")
    @ValueSource(strings = {"JOE", "JOE\n", "JOE\nJOE\n"})
    void parseIgnoresLinesAfterTheThird(String junk) throws NoteException {
        assertEquals(TREE, Tree.parse(TEXT + junk));
    }

    @Test
    void parseIgnoresAThousandExtraLines() throws NoteException {
        assertEquals(TREE, Tree.parse(TEXT + "JOE\n".repeat(1000)));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "not-go.sum database tree\\n123456789012\\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\\n| does not start with \"go.sum database tree\"",
        "go.sum database tree\\n0xabcdef\\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\\n    | size \"0xabcdef\" is not a decimal number in canonical form",
        "go.sum database tree\\n+12\\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\\n         | size \"+12\" is not a decimal number in canonical form",
        "go.sum database tree\\n012\\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\\n         | size \"012\" is not a decimal number in canonical form",
        "go.sum database tree\\n-1\\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\\n          | size \"-1\" is not a decimal number in canonical form",
        "go.sum database tree\\n9223372036854775808\\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\\n | size 9223372036854775808 is too large",
        "go.sum database tree\\n123456789012\\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\\n | root hash has 35 bytes, expected 32",
        "go.sum database tree\\n123456789012\\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0\\n    | root hash \"TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0\" is not base64",
        "go.sum database tree\\n123456789012\\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=     | fewer than three lines",
        "go.sum database tree v2\\n123456789012\\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\\n | does not start with \"go.sum database tree\"",
    })
    void parseExplainsWhyATreeIsBad(String text, String reason) {
        NoteException e = assertThrows(NoteException.class, () -> Tree.parse(text.replace("\\n", "\n")));
        assertEquals("malformed tree note: " + reason, e.getMessage());
    }

    @Test
    void parseRejectsTextOverOneMillionBytes() {
        String text = TEXT + "x".repeat(1_000_001 - TEXT.length());
        NoteException e = assertThrows(NoteException.class, () -> Tree.parse(text));
        assertEquals("malformed tree note: larger than 1000000 bytes", e.getMessage());
    }

    @Test
    void parseAcceptsTextOfExactlyOneMillionBytes() throws NoteException {
        assertEquals(TREE, Tree.parse(TEXT + "x".repeat(1_000_000 - TEXT.length())));
    }

    @Test
    void equalTreesHaveEqualHashBytes() {
        Tree same = new Tree(123456789012L, Tlog.recordHash(utf8("hello world")));
        assertEquals(TREE, same);
        assertEquals(TREE.hashCode(), same.hashCode());
        assertNotEquals(TREE, new Tree(123456789012L, Tlog.recordHash(utf8("hello world!"))));
        assertNotEquals(TREE, new Tree(123456789013L, Tlog.recordHash(utf8("hello world"))));
    }

    @Test
    void hashCannotBeChangedFromOutside() {
        byte[] hash = Tlog.recordHash(utf8("hello world"));
        Tree tree = new Tree(1, hash);
        hash[0] ^= 1;
        tree.hash()[1] ^= 1;
        assertArrayEquals(Tlog.recordHash(utf8("hello world")), tree.hash());
    }

    @Test
    void constructorRejectsAShortHash() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tree(1, new byte[31]));
        assertEquals("a tree hash has 32 bytes, not 31", e.getMessage());
    }

    @Test
    void toStringNamesSizeAndHash() {
        assertEquals("tree of size 123456789012 (hash TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=)", TREE.toString());
    }
}
