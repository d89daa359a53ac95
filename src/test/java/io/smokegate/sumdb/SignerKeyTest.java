package io.smokegate.sumdb;

import static io.smokegate.sumdb.Vectors.LOCAL_KEY;
import static io.smokegate.sumdb.Vectors.LOCAL_PRIVATE_KEY;
import static io.smokegate.sumdb.Vectors.PETER_KEY;
import static io.smokegate.sumdb.Vectors.PETER_PRIVATE_KEY;
import static io.smokegate.sumdb.Vectors.TEXT;
import static io.smokegate.sumdb.Vectors.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignerKeyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        PETER_PRIVATE_KEY + ", " + PETER_KEY,
        LOCAL_PRIVATE_KEY + ", " + LOCAL_KEY,
    })
    void parseDerivesTheMatchingVerifierKey(String signer, String verifier) throws NoteException {
        assertEquals(VerifierKey.parse(verifier), SignerKey.parse(signer).verifier());
    }

    @ParameterizedTest
    @ValueSource(strings = {PETER_PRIVATE_KEY, LOCAL_PRIVATE_KEY})
    void toStringGivesTheKeyTextBack(String text) throws NoteException {
        assertEquals(text, SignerKey.parse(text).toString());
    }

    @Test
    void parseRejectsEveryProperSubstringAndSingleByteIncrement() {
        List<String> accepted = new ArrayList<>();
        String key = PETER_PRIVATE_KEY;
        for (int i = 0; i <= key.length(); i++) {
            for (int j = i + 1; j <= key.length(); j++) {
                if ((i != 0 || j != key.length()) && parses(key.substring(i, j))) {
                    accepted.add(key.substring(i, j));
                }
            }
        }
        byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i++) {
            byte[] mangled = bytes.clone();
            mangled[i]++;
            String text = new String(mangled, StandardCharsets.US_ASCII);
            if (parses(text)) {
                accepted.add(text);
            }
        }
        assertEquals(List.of(), accepted);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz | invalid signer hash: c74f20a4 does not match the key, whose hash is c74f20a3",
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AoEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz | invalid signer key: unknown algorithm 0x02",
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXH     | invalid signer key: Ed25519 key has 29 bytes, expected 32",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW              | invalid signer key: does not start with PRIVATE+KEY+",
    })
    void parseExplainsWhyAKeyIsBad(String text, String message) {
        NoteException e = assertThrows(NoteException.class, () -> SignerKey.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void generatedKeySignsNotesItsVerifierOpens() throws NoteException {
        SignerKey key = SignerKey.generate("test.example/sumdb");
        Note note = Note.open(utf8(Note.sign(TEXT, List.of(key))), List.of(VerifierKey.parse(key.verifier().toString())));
        assertEquals(List.of("test.example/sumdb"), note.verified().stream().map(Note.Signature::name).toList());
    }

    @Test
    void generatedKeyRoundTripsThroughItsText() throws NoteException {
        SignerKey key = SignerKey.generate("test.example/sumdb");
        assertEquals(key, SignerKey.parse(key.toString()));
    }

    @Test
    void generateMakesANewKeyEachTime() {
        assertEquals(2, List.of(SignerKey.generate("a").verifier(), SignerKey.generate("a").verifier()).stream().distinct().count());
    }

    @Test
    void constructorRejectsASeedOfAnotherKey() {
        SignerKey peter = Vectors.signer(PETER_PRIVATE_KEY);
        VerifierKey local = Vectors.verifier(LOCAL_KEY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SignerKey(local, peter.seed()));
        assertEquals("the seed is not the private half of " + LOCAL_KEY, e.getMessage());
    }

    private static boolean parses(String text) {
        try {
            SignerKey.parse(text);
            return true;
        } catch (NoteException e) {
            return false;
        }
    }
}
