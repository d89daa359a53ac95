package io.smokegate.sumdb;

import static io.smokegate.sumdb.Vectors.ENOCH_KEY;
import static io.smokegate.sumdb.Vectors.LOCAL_KEY;
import static io.smokegate.sumdb.Vectors.PETER_KEY;
import static io.smokegate.sumdb.Vectors.PETER_SIG_BASE64;
import static io.smokegate.sumdb.Vectors.SUM_GOLANG_ORG_KEY;
import static io.smokegate.sumdb.Vectors.TEXT;
import static io.smokegate.sumdb.Vectors.hex;
import static io.smokegate.sumdb.Vectors.signatureOf;
import static io.smokegate.sumdb.Vectors.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VerifierKeyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        PETER_KEY + ", PeterNeumann, c74f20a3, 1a5cd907143c384c41e830c5bce12aa8817ec5649aaabf2c31388b35b2d744d6",
        ENOCH_KEY + ", EnochRoot, af0cfe78, 3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29",
        SUM_GOLANG_ORG_KEY + ", sum.golang.org, 033de0ae, ce3372d75ad1ee5ecdaf8727293d4b111d87eb37531d7c86d4d3003f0eb809fc",
    })
    void parseReadsNameHashAndPublicKey(String text, String name, String hash, String publicKey) throws NoteException {
        VerifierKey key = VerifierKey.parse(text);
        assertEquals(name, key.name());
        assertEquals(Integer.parseUnsignedInt(hash, 16), key.keyHash());
        assertArrayEquals(hex(publicKey), key.publicKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {PETER_KEY, ENOCH_KEY, SUM_GOLANG_ORG_KEY, LOCAL_KEY})
    void toStringGivesTheKeyTextBack(String text) throws NoteException {
        assertEquals(text, VerifierKey.parse(text).toString());
    }

    @Test
    void parseRejectsEveryProperSubstringOfAKey() {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i <= PETER_KEY.length(); i++) {
            for (int j = i + 1; j <= PETER_KEY.length(); j++) {
                if ((i != 0 || j != PETER_KEY.length()) && parses(PETER_KEY.substring(i, j))) {
                    accepted.add(PETER_KEY.substring(i, j));
                }
            }
        }
        assertEquals(List.of(), accepted);
    }

    @Test
    void parseRejectsEverySingleByteIncrement() {
        List<String> accepted = new ArrayList<>();
        byte[] key = PETER_KEY.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < key.length; i++) {
            byte[] mangled = key.clone();
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
        "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==| invalid verifier key: Ed25519 key has 36 bytes, expected 32",
        "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW        | invalid verifier key: unknown algorithm 0x65",
        "sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8       | invalid verifier hash: 033de0af does not match the key, whose hash is 033de0ae",
        "PeterNeumann+c74f20a3                                                      | invalid verifier key: expected name+hash+key",
        "PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW         | invalid verifier key: key hash \"c74f20a\" is not 8 hex digits",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T         | invalid verifier key: key is not base64",
        "PeterNeumann+c74f20a3+                                                     | invalid verifier key: empty key",
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW                     | invalid verifier key: invalid name \"\"",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW        | invalid verifier key: invalid name \"Peter Neumann\"",
    })
    void parseExplainsWhyAKeyIsBad(String text, String message) {
        NoteException e = assertThrows(NoteException.class, () -> VerifierKey.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void parseAcceptsUppercaseHashAsGoDoes() throws NoteException {
        assertEquals(VerifierKey.parse(PETER_KEY), VerifierKey.parse(PETER_KEY.replace("c74f20a3", "C74F20A3")));
    }

    @Test
    void nameMayNotHoldAnyUnicodeSpace() {
        for (String space : List.of("\t", "\u000b", "\u0085", "\u00a0", "\u2003", "\u2028", "\u3000")) {
            assertFalse(Syntax.isValidName("a" + space + "b"), () -> "U+" + Integer.toHexString(space.charAt(0)));
        }
        assertTrue(Syntax.isValidName("localhost.localdev/sumdb"));
        assertTrue(Syntax.isValidName("\u00e9t\u00e9\u200b"));
        assertFalse(Syntax.isValidName("bad\ud800"));
    }

    @Test
    void verifyAcceptsTheSignatureOfTheText() {
        assertTrue(Vectors.verifier(PETER_KEY).verify(utf8(TEXT), signatureOf(PETER_SIG_BASE64)));
    }

    @Test
    void verifyRejectsOtherTextOrBytes() {
        VerifierKey peter = Vectors.verifier(PETER_KEY);
        byte[] signature = signatureOf(PETER_SIG_BASE64);
        assertFalse(peter.verify(utf8(TEXT + "!"), signature));
        byte[] flipped = signature.clone();
        flipped[10] ^= 1;
        assertFalse(peter.verify(utf8(TEXT), flipped));
        assertFalse(peter.verify(utf8(TEXT), Arrays.copyOf(signature, 63)));
        assertFalse(Vectors.verifier(ENOCH_KEY).verify(utf8(TEXT), signature));
    }

    @Test
    void verifyWithAKeyThatIsNoCurvePointIsFalse() {
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xff);
        assertFalse(VerifierKey.of("x", notAPoint).verify(utf8(TEXT), signatureOf(PETER_SIG_BASE64)));
    }

    @Test
    void constructorRejectsAHashOfAnotherKey() {
        byte[] key = Vectors.verifier(PETER_KEY).publicKey();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VerifierKey("PeterNeumann", 0xc74f20a4, key));
        assertEquals("key hash c74f20a4 is not PeterNeumann's, which is c74f20a3", e.getMessage());
    }

    @Test
    void publicKeyCannotBeChangedFromOutside() {
        VerifierKey peter = Vectors.verifier(PETER_KEY);
        peter.publicKey()[0] ^= 1;
        assertEquals(PETER_KEY, peter.toString());
    }

    private static boolean parses(String text) {
        try {
            VerifierKey.parse(text);
            return true;
        } catch (NoteException e) {
            return false;
        }
    }
}
