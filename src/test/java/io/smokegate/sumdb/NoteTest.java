package io.smokegate.sumdb;

import static io.smokegate.sumdb.Vectors.ENOCH_KEY;
import static io.smokegate.sumdb.Vectors.ENOCH_SIG;
import static io.smokegate.sumdb.Vectors.ENOCH_SIG_BASE64;
import static io.smokegate.sumdb.Vectors.PETER_KEY;
import static io.smokegate.sumdb.Vectors.PETER_PRIVATE_KEY;
import static io.smokegate.sumdb.Vectors.PETER_SIG;
import static io.smokegate.sumdb.Vectors.PETER_SIG_BASE64;
import static io.smokegate.sumdb.Vectors.TEXT;
import static io.smokegate.sumdb.Vectors.signatureOf;
import static io.smokegate.sumdb.Vectors.signer;
import static io.smokegate.sumdb.Vectors.concat;
import static io.smokegate.sumdb.Vectors.utf8;
import static io.smokegate.sumdb.Vectors.verifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NoteTest {

    private static final VerifierKey PETER = verifier(PETER_KEY);
    private static final VerifierKey ENOCH = verifier(ENOCH_KEY);
    private static final Note.Signature PETER_SIGNATURE =
            new Note.Signature("PeterNeumann", 0xc74f20a3, signatureOf(PETER_SIG_BASE64));
    private static final Note.Signature ENOCH_SIGNATURE =
            new Note.Signature("EnochRoot", 0xaf0cfe78, signatureOf(ENOCH_SIG_BASE64));
    private static final byte[] BOTH_SIGNED = utf8(TEXT + "\n" + PETER_SIG + ENOCH_SIG);

    @Test
    void signProducesGosSignedNote() {
        assertEquals(TEXT + "\n" + PETER_SIG, Note.sign(TEXT, List.of(signer(PETER_PRIVATE_KEY))));
    }

    @Test
    void signRefusesTextWithoutFinalNewline() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Note.sign("abc", List.of(signer(PETER_PRIVATE_KEY))));
        assertEquals("malformed note: text must end in a newline", e.getMessage());
    }

    @Test
    void openVerifiesKnownKeyAndKeepsUnknownSignatureUnverified() throws NoteException {
        Note note = Note.open(BOTH_SIGNED, List.of(PETER));
        assertEquals(new Note(TEXT, List.of(PETER_SIGNATURE), List.of(ENOCH_SIGNATURE)), note);
    }

    @Test
    void openVerifiesBothSignaturesWhenBothKeysAreKnown() throws NoteException {
        Note note = Note.open(BOTH_SIGNED, List.of(PETER, ENOCH));
        assertEquals(new Note(TEXT, List.of(PETER_SIGNATURE, ENOCH_SIGNATURE), List.of()), note);
    }

    @Test
    void openWithoutKnownSignerHasNoVerifiableSignatures() {
        NoteException e = assertThrows(NoteException.class, () -> Note.open(BOTH_SIGNED, List.of()));
        assertEquals("note has no verifiable signatures: signed only by PeterNeumann+c74f20a3, EnochRoot+af0cfe78", e.getMessage());
    }

    @Test
    void openRefusesAmbiguousKey() {
        NoteException e = assertThrows(NoteException.class,
                () -> Note.open(utf8(TEXT + "\n" + ENOCH_SIG), List.of(ENOCH, PETER, ENOCH)));
        assertEquals("ambiguous key EnochRoot+af0cfe78", e.getMessage());
    }

    @Test
    void openIgnoresADuplicatedKeyThatDidNotSign() throws NoteException {
        Note note = Note.open(utf8(TEXT + "\n" + PETER_SIG), List.of(ENOCH, PETER, ENOCH));
        assertEquals(List.of(PETER_SIGNATURE), note.verified());
    }

    @Test
    void openRefusesTamperedSignature() {
        NoteException e = assertThrows(NoteException.class,
                () -> Note.open(utf8(TEXT + "\n" + tampered(PETER_SIG)), List.of(PETER)));
        assertEquals("invalid signature for key PeterNeumann+c74f20a3", e.getMessage());
    }

    @Test
    void openRefusesSignatureOfOtherText() {
        NoteException e = assertThrows(NoteException.class,
                () -> Note.open(utf8(TEXT.replace("answer", "ANSWER") + "\n" + PETER_SIG), List.of(PETER)));
        assertEquals("invalid signature for key PeterNeumann+c74f20a3", e.getMessage());
    }

    @Test
    void openDropsRepeatedSignatures() throws NoteException {
        String enochAbcd = tampered(ENOCH_SIG);
        Note note = Note.open(utf8(TEXT + "\n" + PETER_SIG + PETER_SIG + ENOCH_SIG + ENOCH_SIG + enochAbcd), List.of(PETER));
        Note.Signature tamperedEnoch = new Note.Signature("EnochRoot", 0xaf0cfe78,
                signatureOf("rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n" + "ABCD" + "2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ="));
        assertEquals(new Note(TEXT, List.of(PETER_SIGNATURE), List.of(ENOCH_SIGNATURE, tamperedEnoch)), note);
    }

    @Test
    void openChecksOnlyTheFirstSignatureOfAKnownKey() throws NoteException {
        String tamperedPeter = tampered(PETER_SIG);
        Note note = Note.open(utf8(TEXT + "\n" + PETER_SIG + tamperedPeter), List.of(PETER));
        assertEquals(List.of(PETER_SIGNATURE), note.verified());
    }

    @Test
    void openRefuses101SignaturesFromAKnownKey() {
        NoteException e = assertThrows(NoteException.class,
                () -> Note.open(utf8(TEXT + "\n" + PETER_SIG.repeat(101)), List.of(PETER)));
        assertEquals("malformed note: more than 100 signature lines", e.getMessage());
    }

    @Test
    void openRefuses101UnverifiedSignatures() {
        NoteException e = assertThrows(NoteException.class, () -> Note.open(utf8(TEXT + "\n" + PETER_SIG.repeat(101)), List.of()));
        assertEquals("malformed note: more than 100 signature lines", e.getMessage());
    }

    @Test
    void openAccepts100Signatures() throws NoteException {
        assertEquals(List.of(PETER_SIGNATURE), Note.open(utf8(TEXT + "\n" + PETER_SIG.repeat(100)), List.of(PETER)).verified());
    }

    static Stream<Arguments> malformedNotes() {
        String badName = "\u2014 Bad Name " + PETER_SIG_BASE64;
        return Stream.of(
                Arguments.of(utf8(TEXT), "text and signatures are not separated by a blank line"),
                Arguments.of(utf8(TEXT + "\n"), "no signature lines after the blank line"),
                Arguments.of(utf8(TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1)), "missing final newline"),
                Arguments.of(concat(new byte[] {0x01}, utf8(TEXT + "\n" + PETER_SIG)), "control character U+0001 at byte 0"),
                Arguments.of(concat(new byte[] {(byte) 0xff}, utf8(TEXT + "\n" + PETER_SIG)), "invalid UTF-8 at byte 0"),
                Arguments.of(utf8(TEXT + "\n" + badName), "missing final newline"),
                Arguments.of(utf8(TEXT + "\n" + badName + "\n"), "signature line 1 does not end in a base64 signature"),
                Arguments.of(utf8(TEXT + "\n" + PETER_SIG + "Unexpected line.\n"),
                        "signature line 2 does not start with an em dash (U+2014)"),
                Arguments.of(utf8(TEXT + "\n\u2014PeterNeumann " + PETER_SIG_BASE64 + "\n"), "signature line 1 has no space after the em dash"),
                Arguments.of(utf8(TEXT + "\n\u2014 Peter+Neumann " + PETER_SIG_BASE64 + "\n"),
                        "signature line 1 has an invalid key name \"Peter+Neumann\""),
                Arguments.of(utf8(TEXT + "\n\u2014 PeterNeumann " + PETER_SIG_BASE64.replace("=", "") + "\n"),
                        "signature line 1 does not end in a base64 signature"),
                Arguments.of(utf8(TEXT + "\n\u2014 PeterNeumann x08gow==\n"), "signature line 1 has a signature of 4 bytes, fewer than 5"),
                Arguments.of(utf8(TEXT + "\n\u2014 PeterNeumann\n"), "signature line 1 has a signature of 0 bytes, fewer than 5"),
                Arguments.of(utf8("text\r\n\n" + PETER_SIG), "control character U+000D at byte 4"),
                Arguments.of(concat(utf8("caf"), new byte[] {(byte) 0xc3, '\n', '\n'}), "invalid UTF-8 at byte 3"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("malformedNotes")
    void openRefusesMalformedNote(byte[] message, String reason) {
        NoteException e = assertThrows(NoteException.class, () -> Note.open(message, List.of(PETER)));
        assertEquals("malformed note: " + reason, e.getMessage());
    }

    @Test
    void openRefusesNoteLargerThanOneMegabyteBeforeLookingAtIt() {
        byte[] message = new byte[1_000_001];
        NoteException e = assertThrows(NoteException.class, () -> Note.open(message, List.of(PETER)));
        assertEquals("note is larger than 1 MB (1000001 bytes)", e.getMessage());
    }

    @Test
    void openAcceptsNoteOfExactlyOneMegabyte() throws NoteException {
        int signed = utf8(Note.sign("\n", List.of(signer(PETER_PRIVATE_KEY)))).length;
        String text = "x".repeat(1_000_000 - signed) + "\n";
        String note = Note.sign(text, List.of(signer(PETER_PRIVATE_KEY)));
        assertEquals(1_000_000, utf8(note).length);
        assertEquals(text, Note.open(utf8(note), List.of(PETER)).text());
    }

    @Test
    void openSplitsAtTheLastBlankLine() throws NoteException {
        String text = "first paragraph\n\nsecond paragraph\n";
        Note note = Note.open(utf8(Note.sign(text, List.of(signer(PETER_PRIVATE_KEY)))), List.of(PETER));
        assertEquals(text, note.text());
    }

    @Test
    void signWithSeveralKeysWritesOneLinePerKeyInOrder() throws NoteException {
        SignerKey other = SignerKey.generate("other.example/sumdb");
        Note note = Note.open(utf8(Note.sign(TEXT, List.of(signer(PETER_PRIVATE_KEY), other))), List.of(PETER, other.verifier()));
        assertEquals(List.of("PeterNeumann+c74f20a3", other.verifier().name() + "+" + String.format("%08x", other.verifier().keyHash())),
                note.verified().stream().map(Note.Signature::toString).toList());
    }

    @Test
    void signatureComparesBytesByValue() {
        assertEquals(PETER_SIGNATURE, new Note.Signature("PeterNeumann", 0xc74f20a3, signatureOf(PETER_SIG_BASE64)));
        assertEquals(PETER_SIGNATURE.hashCode(), new Note.Signature("PeterNeumann", 0xc74f20a3, signatureOf(PETER_SIG_BASE64)).hashCode());
    }

    /** Go's tests insert "ABCD" at byte 60 of a signature line (its em dash is three bytes). */
    private static String tampered(String line) {
        byte[] bytes = utf8(line);
        return new String(bytes, 0, 60, StandardCharsets.UTF_8) + "ABCD" + new String(bytes, 60, bytes.length - 60, StandardCharsets.UTF_8);
    }
}
