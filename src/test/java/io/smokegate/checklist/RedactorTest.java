package io.smokegate.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    private static final String TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";

    @Test
    void aSecretIsReplacedWhereverItAppearsInText() {
        Redactor r = Redactor.of(Set.of(TOKEN));
        assertEquals("GET with Authorization: Bearer «redacted» failed; retried with «redacted»",
                r.redact("GET with Authorization: Bearer " + TOKEN + " failed; retried with " + TOKEN));
    }

    @Test
    void textWithoutSecretsIsUnchanged() {
        assertEquals("connection refused", Redactor.of(Set.of(TOKEN)).redact("connection refused"));
    }

    @Test
    void theLongestSecretIsReplacedFirstSoNoneIsHalfRevealed() {
        // "hunter2-admin" contains "hunter2"; replacing the short one first would leave "«redacted»-admin"
        Redactor r = Redactor.of(Set.of("hunter2", "hunter2-admin"));
        assertEquals("password «redacted», fallback «redacted»", r.redact("password hunter2-admin, fallback hunter2"));
    }

    @Test
    void secretsShorterThanFourCharactersAreNotMasked() {
        Redactor r = Redactor.of(Set.of("on", "123", "abcd"));
        assertEquals("on 123 «redacted»", r.redact("on 123 abcd"));
    }

    @Test
    void aRedactorOfOnlyShortValuesIsEmpty() {
        Redactor r = Redactor.of(Set.of("1", "ab", "xyz"));
        assertTrue(r.isEmpty());
        assertSame(Redactor.none(), r);
    }

    @Test
    void noneChangesNothing() {
        Map<String, Object> details = Map.of("k", TOKEN);
        assertTrue(Redactor.none().isEmpty());
        assertEquals(TOKEN, Redactor.none().redact(TOKEN));
        assertSame(details, Redactor.none().redactMap(details));
    }

    @Test
    void nullTextStaysNull() {
        assertNull(Redactor.of(Set.of(TOKEN)).redact(null));
    }

    @Test
    void nullSecretsAreIgnored() {
        Set<String> values = new java.util.HashSet<>(Arrays.asList(null, TOKEN));
        assertEquals("«redacted»", Redactor.of(values).redact(TOKEN));
    }

    @Test
    void secretsInNestedMapsAndListsAreReplaced() {
        Redactor r = Redactor.of(Set.of(TOKEN));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", 401);
        details.put("request", Map.of("headers", List.of("Accept: */*", "Authorization: token " + TOKEN)));
        details.put("attempts", List.of(Map.of("url", "https://api.example.com/?access_token=" + TOKEN)));

        Map<String, Object> redacted = r.redactMap(details);

        assertEquals(401, redacted.get("status"));
        assertEquals(Map.of("headers", List.of("Accept: */*", "Authorization: token «redacted»")), redacted.get("request"));
        assertEquals(List.of(Map.of("url", "https://api.example.com/?access_token=«redacted»")), redacted.get("attempts"));
        assertFalse(redacted.toString().contains(TOKEN));
    }

    @Test
    void secretsInMapKeysAreReplacedToo() {
        Redactor r = Redactor.of(Set.of(TOKEN));
        assertEquals(Map.of("«redacted»", "seen"), r.redactValue(Map.of(TOKEN, "seen")));
    }

    @Test
    void valuesOtherThanTextAreKeptAsTheyAre() {
        Redactor r = Redactor.of(Set.of(TOKEN));
        assertEquals(42L, r.redactValue(42L));
        assertEquals(true, r.redactValue(true));
        assertNull(r.redactValue(null));
        List<Object> mixed = new ArrayList<>(Arrays.asList(1.5, null, TOKEN));
        assertEquals(Arrays.asList(1.5, null, "«redacted»"), r.redactValue(mixed));
    }

    @Test
    void redactingLeavesTheOriginalUntouched() {
        Redactor r = Redactor.of(Set.of(TOKEN));
        Map<String, Object> details = new LinkedHashMap<>(Map.of("token", TOKEN));
        r.redactMap(details);
        assertEquals(TOKEN, details.get("token"));
    }

    @Test
    void keyOrderIsKept() {
        Redactor r = Redactor.of(Set.of(TOKEN));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("z", 1);
        details.put("a", TOKEN);
        details.put("m", 2);
        assertEquals(List.of("z", "a", "m"), List.copyOf(r.redactMap(details).keySet()));
    }

    /** A secret with characters every encoding treats specially: quote, backslash, slash, space, '+', non-ASCII. */
    private static final String SPECIAL = "pa\"ss\\wo/rd +ök=1";

    @Test
    void anUpperCasedEchoIsMasked() {
        assertEquals("method '«redacted»' is not an HTTP method",
                Redactor.of(Set.of(TOKEN)).redact("method '" + TOKEN.toUpperCase(java.util.Locale.ROOT) + "' is not an HTTP method"));
    }

    @Test
    void anEchoInAnyLetterCaseIsMasked() {
        assertEquals("«redacted» «redacted»", Redactor.of(Set.of("Hunter2-Admin")).redact("hunter2-admin HUNTER2-ADMIN"));
    }

    @Test
    void aJsonEscapedEchoIsMasked() throws Exception {
        String json = JsonMapper.builder().build().writeValueAsString(Map.of("token", SPECIAL));
        assertNotEquals(-1, json.indexOf("\\\""), json);
        assertEquals("{\"token\":\"«redacted»\"}", Redactor.of(Set.of(SPECIAL)).redact(json));
    }

    @Test
    void aJsonEchoWithEveryCharacterEscapedIsMasked() throws Exception {
        String json = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build().writeValueAsString(SPECIAL);
        assertTrue(json.contains("\\u00F6") || json.contains("\\u00f6"), json);
        assertEquals("\"«redacted»\"", Redactor.of(Set.of(SPECIAL)).redact(json));
        // and the forms other encoders choose: escaped slashes, lower-case hex, control characters
        assertEquals("«redacted»", Redactor.of(Set.of("a/b\tc")).redact("a\\/b\\u0009c"));
        assertEquals("«redacted»", Redactor.of(Set.of("line1\nline2")).redact("line1\\nline2"));
    }

    @Test
    void aPercentEncodedEchoWithPlusForSpaceIsMasked() {
        String encoded = URLEncoder.encode(SPECIAL, StandardCharsets.UTF_8);
        assertTrue(encoded.contains("+") && encoded.contains("%C3%B6"), encoded);
        assertEquals("https://x/?t=«redacted»&a=1", Redactor.of(Set.of(SPECIAL)).redact("https://x/?t=" + encoded + "&a=1"));
    }

    @Test
    void aPercentEncodedEchoWithLowerCaseHexAndPercentTwentyIsMasked() {
        String encoded = "pa%22ss%5cwo%2frd%20%2b%c3%b6k%3d1";
        assertEquals("GET /«redacted» failed", Redactor.of(Set.of(SPECIAL)).redact("GET /" + encoded + " failed"));
    }

    @Test
    void aPartlyPercentEncodedEchoIsMasked() {
        // encoders differ in what they leave as it is (here '/', '=' and '+' are left alone)
        assertEquals("?q=«redacted»", Redactor.of(Set.of(SPECIAL)).redact("?q=pa%22ss%5Cwo/rd%20+%C3%B6k=1"));
    }

    @Test
    void aBase64EchoIsMaskedWithAndWithoutPadding() {
        Redactor r = Redactor.of(Set.of(TOKEN));
        String padded = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
        assertTrue(padded.endsWith("="), padded);
        assertEquals("token=«redacted»;", r.redact("token=" + padded + ";"));
        assertEquals("token=«redacted»;", r.redact("token=" + padded.replace("=", "") + ";"));
    }

    @Test
    void aUrlSafeBase64EchoIsMasked() {
        String secret = "tok>>>?en-1234";
        String standard = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        assertTrue(standard.contains("+") && urlSafe.contains("-"), standard + " " + urlSafe);
        Redactor r = Redactor.of(Set.of(secret));
        assertEquals("«redacted»", r.redact(standard));
        assertEquals("?state=«redacted»", r.redact("?state=" + urlSafe));
    }

    /** Users of 2, 3 and 4 characters put the secret at each of the three byte offsets of a base64 group. */
    @ParameterizedTest
    @ValueSource(strings = {"ci", "bot", "root"})
    void aSecretInsideALongerBase64TextIsMaskedAtEveryAlignment(String user) {
        String credential = user + ":" + TOKEN + "@proxy";
        String basic = Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8));

        String redacted = Redactor.of(Set.of(TOKEN)).redact("Authorization: Basic " + basic);

        // left: the characters that encode the user (and a few bits of the secret); right: a few of "@proxy"
        assertTrue(redacted.matches("Authorization: Basic [A-Za-z0-9+/]{4,8}«redacted»[A-Za-z0-9+/=]{4,12}"), redacted);
    }

    @Test
    void aSecretInsideBase64IsNotRevealedByDecodingWhatIsLeft() {
        String basic = Base64.getEncoder().encodeToString(("bot:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        String left = Redactor.of(Set.of(TOKEN)).redact(basic).replace(Redactor.MASK, "");
        String decoded = new String(Base64.getDecoder().decode(left.substring(0, left.length() / 4 * 4)), StandardCharsets.ISO_8859_1);
        assertFalse(decoded.contains(TOKEN.substring(0, 2)), decoded);
    }

    @Test
    void matchesOfTwoOverlappingSecretsAreMaskedTogether() {
        // masking "zzab" first must not leave the rest of "abcdefgh" behind, nor the other way round
        assertEquals("«redacted»!", Redactor.of(Set.of("zzab", "abcdefgh")).redact("zzabcdefgh!"));
    }

    @Test
    void aSecretOfOnlyBackslashesDoesNotMakeRedactionSlow() {
        String secret = "\\".repeat(30);
        // each backslash may stand for itself or be half of an escaped one: with backtracking, 2^30 ways to fail
        String text = ("\\".repeat(29) + "x").repeat(4000);
        String redacted = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(2),
                () -> Redactor.of(Set.of(secret)).redact(text));
        assertEquals(text, redacted);
        assertEquals("«redacted»!", Redactor.of(Set.of(secret)).redact(secret + "!"));
    }
}
