package io.smokegate.sumdb;

import static io.smokegate.sumdb.Vectors.PETER_KEY;
import static io.smokegate.sumdb.Vectors.SUM_GOLANG_ORG_KEY;
import static io.smokegate.sumdb.Vectors.base64;
import static io.smokegate.sumdb.Vectors.hex;
import static io.smokegate.sumdb.Vectors.utf8;
import static io.smokegate.sumdb.Vectors.verifier;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real notes signed by sum.golang.org (reference §5), verified against the key the go command ships. */
class SumGolangOrgTest {

    private static final VerifierKey KEY = verifier(SUM_GOLANG_ORG_KEY);

    /** FORAGE docs/go.md: a full real {@code /lookup} answer, 389 bytes. */
    private static final String LOOKUP = "1354545\n"
            + "github.com/libp2p/go-libp2p-blankhost v0.2.0 h1:3EsGAi0CBGcZ33GwRuXEYJLLPoVWyXJ1bcJzAJjINkk=\n"
            + "github.com/libp2p/go-libp2p-blankhost v0.2.0/go.mod h1:eduNKXGTioTuQAUcZ5epXi9vMl+t4d8ugUBRQ4SqaNQ=\n"
            + "\n"
            + "go.sum database tree\n3784599\n7uvxIZ67TZygcq/AehTD8iHYt81Ih+Zl2Y7vXZbfszQ=\n"
            + "\n"
            + "\u2014 sum.golang.org Az3grn972wXskjQrsZhVGc93fTU2uOsmSTiId1Wn1lxDCup5z4ggl1/4gaUqOkMa6cMbYvjB7hn7yemNr7Zqanol/go=\n";

    private static final String NOTE_3784599 = note(3784599, "7uvxIZ67TZygcq/AehTD8iHYt81Ih+Zl2Y7vXZbfszQ=",
            "Az3grn972wXskjQrsZhVGc93fTU2uOsmSTiId1Wn1lxDCup5z4ggl1/4gaUqOkMa6cMbYvjB7hn7yemNr7Zqanol/go=");

    private static String note(long size, String root, String signature) {
        return "go.sum database tree\n" + size + "\n" + root + "\n\n\u2014 sum.golang.org " + signature + "\n";
    }

    @ParameterizedTest(name = "size {0}")
    @CsvSource({
        "445646,   jEFFy4AtYgBBNTSZTiNnQrgQqMbcH0mfO2oP2FxR9VU=, Az3grkGho/PqvUmEuTv6+r2g303hUhu60FOD6vLpm19mBwH9UjquWY2OKxNmZ55z0gHrp24AgPC3Q5WO7uZrVdvdCQU=",
        "3784599,  7uvxIZ67TZygcq/AehTD8iHYt81Ih+Zl2Y7vXZbfszQ=, Az3grn972wXskjQrsZhVGc93fTU2uOsmSTiId1Wn1lxDCup5z4ggl1/4gaUqOkMa6cMbYvjB7hn7yemNr7Zqanol/go=",
        "19254946, h9eoRKj4A/u1agb0ArWU744FdzF7o/QztgC64L2t81M=, Az3grvvtPUIwSm8opaNwI5N/xULaFZ0ecAWzWKqGSBGFNwg8tntSSgJui9xh4e/70QazZqhdO1n6bsR2EABgWXeQTwc=",
    })
    void realTreeNoteOpensAndParses(long size, String root, String signature) throws NoteException {
        Note note = Note.open(utf8(note(size, root, signature)), List.of(KEY));
        assertEquals(List.of("sum.golang.org+033de0ae"), note.verified().stream().map(Note.Signature::toString).toList());
        assertEquals(new Tree(size, base64(root)), Tree.parse(note.text()));
    }

    @Test
    void everySumGolangOrgSignatureStartsWithItsKeyHash() {
        byte[] blob = base64("Az3grn972wXskjQrsZhVGc93fTU2uOsmSTiId1Wn1lxDCup5z4ggl1/4gaUqOkMa6cMbYvjB7hn7yemNr7Zqanol/go=");
        assertArrayEquals(hex("033de0ae"), Arrays.copyOf(blob, 4));
        assertEquals(68, blob.length);
    }

    @Test
    void realLookupIs389Bytes() {
        assertEquals(389, utf8(LOOKUP).length);
    }

    @Test
    void realLookupParsesToRecordAndVerifiedTree() throws NoteException {
        Record record = Record.parse(utf8(LOOKUP));
        assertEquals(1354545, record.id());
        assertEquals("github.com/libp2p/go-libp2p-blankhost v0.2.0 h1:3EsGAi0CBGcZ33GwRuXEYJLLPoVWyXJ1bcJzAJjINkk=\n"
                + "github.com/libp2p/go-libp2p-blankhost v0.2.0/go.mod h1:eduNKXGTioTuQAUcZ5epXi9vMl+t4d8ugUBRQ4SqaNQ=\n", record.text());
        Tree tree = Tree.parse(Note.open(record.note(), List.of(KEY)).text());
        assertEquals(3784599, tree.size());
        assertTrue(record.id() < tree.size());
    }

    @ParameterizedTest(name = "size {0}")
    @CsvSource({"3784598", "3784600"})
    void sizeChangedByOneBreaksTheSignature(long size) {
        String changed = NOTE_3784599.replace("\n3784599\n", "\n" + size + "\n");
        NoteException e = assertThrows(NoteException.class, () -> Note.open(utf8(changed), List.of(KEY)));
        assertEquals("invalid signature for key sum.golang.org+033de0ae", e.getMessage());
    }

    @Test
    void rootWithOneCharacterChangedBreaksTheSignature() {
        String changed = NOTE_3784599.replace("7uvxIZ67", "7uvxIZ68");
        NoteException e = assertThrows(NoteException.class, () -> Note.open(utf8(changed), List.of(KEY)));
        assertEquals("invalid signature for key sum.golang.org+033de0ae", e.getMessage());
    }

    @Test
    void hyphenInsteadOfEmDashIsMalformed() {
        String changed = NOTE_3784599.replace("\u2014", "-");
        NoteException e = assertThrows(NoteException.class, () -> Note.open(utf8(changed), List.of(KEY)));
        assertEquals("malformed note: signature line 1 does not start with an em dash (U+2014)", e.getMessage());
    }

    @Test
    void missingFinalNewlineIsMalformed() {
        String changed = NOTE_3784599.substring(0, NOTE_3784599.length() - 1);
        NoteException e = assertThrows(NoteException.class, () -> Note.open(utf8(changed), List.of(KEY)));
        assertEquals("malformed note: missing final newline", e.getMessage());
    }

    @Test
    void keyWithWrongHashIsRefused() {
        NoteException e = assertThrows(NoteException.class,
                () -> VerifierKey.parse(SUM_GOLANG_ORG_KEY.replace("033de0ae", "033de0af")));
        assertEquals("invalid verifier hash: 033de0af does not match the key, whose hash is 033de0ae", e.getMessage());
    }

    @Test
    void onlyAnotherKeyKnownLeavesNoVerifiableSignatures() {
        NoteException e = assertThrows(NoteException.class, () -> Note.open(utf8(NOTE_3784599), List.of(verifier(PETER_KEY))));
        assertEquals("note has no verifiable signatures: signed only by sum.golang.org+033de0ae", e.getMessage());
    }
}
